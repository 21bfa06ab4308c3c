import { Route, Routes } from 'react-router';
import { SchoolPage } from './profile/SchoolPage';

/** `/school` is the team's own school; coordinators open `/school/:schoolId` from their lists. */
export default function SchoolRoutes() {
  return (
    <Routes>
      <Route index element={<SchoolPage />} />
      <Route path=":schoolId" element={<SchoolPage />} />
    </Routes>
  );
}
