import { Route, Routes } from 'react-router';
import { SchoolPage } from './profile/SchoolPage';
import { ProgrammePage } from './programmes/ProgrammePage';
import { NoticePage } from './notice/NoticePage';
import { ReportPage } from './report/ReportPage';
import { VisitsPage } from './visits/VisitsPage';

/**
 * `/school` is the team's own school; coordinators and curators open `/school/:schoolId` from their lists. A programme
 * names its school itself, so its address needs no school.
 */
export default function SchoolRoutes() {
  return (
    <Routes>
      <Route index element={<SchoolPage />} />
      <Route path="report" element={<ReportPage />} />
      <Route path="notice" element={<NoticePage />} />
      <Route path="visits" element={<VisitsPage />} />
      <Route path="programmes/:programmeId" element={<ProgrammePage />} />
      <Route path=":schoolId" element={<SchoolPage />} />
      <Route path=":schoolId/report" element={<ReportPage />} />
      <Route path=":schoolId/notice" element={<NoticePage />} />
      <Route path=":schoolId/visits" element={<VisitsPage />} />
    </Routes>
  );
}
