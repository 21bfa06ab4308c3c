import { useLoad } from '../../shared/useLoad';
import { getLinksConfig } from './api';
import { wavesStrings as s } from './strings';

/** Says so when every link and QR code on the page leads to localhost: printed, they would open nowhere. */
export function LocalhostBanner() {
  const config = useLoad(getLinksConfig, 'links-config');
  if (!config.data?.localhost) return null;
  return (
    <p className="error localhost-banner no-print" data-testid="localhost-banner">
      <strong>{s.localhost.title}</strong> {s.localhost.hint(config.data.publicUrl)}
    </p>
  );
}
