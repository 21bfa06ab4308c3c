import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { SheetPage } from './SheetPage';
import { WaveListPage } from './WaveListPage';
import { WavePage } from './WavePage';
import './waves.css';

// The QR encoder comes with the slips page only; nobody else downloads it.
const CodesPage = lazy(() => import('./CodesPage'));

/** The administrator's home: waves, and under each wave its schools' links, sheets and code slips. */
export function WavesPage() {
  return (
    <Routes>
      <Route index element={<WaveListPage />} />
      <Route path="waves/:waveId" element={<WavePage />} />
      <Route path="waves/:waveId/schools/:schoolId/sheet" element={<SheetPage />} />
      <Route path="waves/:waveId/schools/:schoolId/codes" element={<CodesPage />} />
    </Routes>
  );
}
