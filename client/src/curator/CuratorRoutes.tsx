import { Route, Routes } from 'react-router';
import { CuratorSchoolsPage } from './CuratorSchoolsPage';

/** `/curator`: the curator's schools; each school's own pages are the shared ones under /school. */
export default function CuratorRoutes() {
  return (
    <Routes>
      <Route index element={<CuratorSchoolsPage />} />
    </Routes>
  );
}
