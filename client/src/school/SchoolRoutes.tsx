import { Route, Routes } from 'react-router';
import { SchoolPage } from './profile/SchoolPage';
import { ReportPage } from './report/ReportPage';

/** `/school` is the team's own school; coordinators open `/school/:schoolId` from their lists. */
export default function SchoolRoutes() {
  return (
    <Routes>
      <Route index element={<SchoolPage />} />
      <Route path="report" element={<ReportPage />} />
      <Route path=":schoolId" element={<SchoolPage />} />
      <Route path=":schoolId/report" element={<ReportPage />} />
    </Routes>
  );
}
