import pg from 'pg';

/** Stops listening and closes the connection. */
export type StopListening = () => Promise<void>;

/**
 * Calls `onPayload` with each notification of `channel` in the connected schema (see migration 0031); `onError` hears
 * of a lost connection, which is opened again by itself.
 */
export type Listen = (channel: string, onPayload: (payload: string) => void, onError: (error: Error) => void) => Promise<StopListening>;

const RECONNECT_MS = 5_000;

/**
 * PostgreSQL's LISTEN on a connection of its own, outside the pool (a pooled connection would be handed to queries and
 * lose its LISTEN). A lost connection is opened again after a pause; meanwhile nothing is heard, which is why whoever
 * listens also looks for itself now and then (server/participation/participation-events.ts).
 */
export function postgresListen(connectionString: string, schema: string | undefined): Listen {
  return async (channel, onPayload, log) => {
    let client: pg.Client | null = null;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;

    const reconnectLater = () => {
      if (stopped) return;
      retry = setTimeout(() => void open().catch(failed), RECONNECT_MS);
      retry.unref();
    };
    const failed = (error: Error) => {
      log(error);
      reconnectLater();
    };

    const open = async () => {
      const next = new pg.Client({ connectionString, options: schema ? `-c search_path=${schema}` : undefined });
      let lost = false;
      const onLost = (error?: Error) => {
        if (lost) return;
        lost = true;
        if (error) log(error);
        if (client === next) client = null;
        void next.end().catch(() => undefined);
        reconnectLater();
      };
      let name = channel;
      next.on('notification', (message) => {
        if (message.channel === name && message.payload !== undefined) onPayload(message.payload);
      });
      next.on('error', onLost);
      next.on('end', () => onLost());
      try {
        await next.connect();
        // The schema the triggers see (their current_schema()) is the channel's second half.
        const { rows } = await next.query<{ schema: string }>('select current_schema() as schema');
        name = `${channel}:${rows[0]!.schema}`;
        await next.query(`listen ${next.escapeIdentifier(name)}`);
      } catch (error) {
        lost = true;
        void next.end().catch(() => undefined);
        throw error;
      }
      if (stopped) await next.end();
      else client = next;
    };

    await open();
    return async () => {
      stopped = true;
      clearTimeout(retry);
      const last = client;
      client = null;
      await last?.end();
    };
  };
}
