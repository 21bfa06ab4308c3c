import { NavLink, Route, Routes } from 'react-router';
import { ContextImportPage } from '../admin/context/ContextImportPage';
import { useUser } from '../shared/session';
import { ContextScatterPage } from './context/ContextScatterPage';
import { CuratorsPage } from './curators/CuratorsPage';
import { ParticipationPage } from './participation/ParticipationPage';
import { ProgrammesPage } from './programmes/ProgrammesPage';
import { RegionPicturePage } from './region/RegionPicturePage';
import { coordinatorStrings } from './strings';

export default function CoordinatorRoutes() {
  // The region's own figures about its schools are imported by the region (or an administrator), not by a municipality.
  const importsContext = useUser().role === 'region';
  return (
    <>
      <nav className="subnav no-print">
        <NavLink to="/coordinator" end>
          {coordinatorStrings.nav.participation}
        </NavLink>
        <NavLink to="/coordinator/profiles">{coordinatorStrings.nav.profiles}</NavLink>
        <NavLink to="/coordinator/context">{coordinatorStrings.nav.context}</NavLink>
        {importsContext && <NavLink to="/coordinator/context-import">{coordinatorStrings.nav.contextImport}</NavLink>}
        <NavLink to="/coordinator/programmes">{coordinatorStrings.nav.programmes}</NavLink>
        <NavLink to="/coordinator/curators">{coordinatorStrings.nav.curators}</NavLink>
      </nav>
      <Routes>
        <Route index element={<ParticipationPage />} />
        <Route path="profiles" element={<RegionPicturePage />} />
        <Route path="context" element={<ContextScatterPage />} />
        {importsContext && <Route path="context-import" element={<ContextImportPage />} />}
        <Route path="programmes" element={<ProgrammesPage />} />
        <Route path="curators" element={<CuratorsPage />} />
      </Routes>
    </>
  );
}
