import { NavLink, Route, Routes } from 'react-router';
import { EntryPage } from './EntryPage';
import { PrintPage } from './PrintPage';
import { paperStrings as s } from './strings';
import './paper.css';

/** Paper questionnaires: `/paper` prints sheets, `/paper/entry` types in the filled ones. */
export default function PaperRoutes() {
  return (
    <>
      <nav className="subnav no-print" aria-label={s.print.title}>
        <NavLink to="/paper" end>
          {s.nav.print}
        </NavLink>
        <NavLink to="/paper/entry">{s.nav.entry}</NavLink>
      </nav>
      <Routes>
        <Route index element={<PrintPage />} />
        <Route path="entry" element={<EntryPage />} />
      </Routes>
    </>
  );
}
