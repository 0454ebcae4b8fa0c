import type { Request, Response, Server } from 'restify';
import { assetReader, pageAssets } from './assets';

/** Serves the page at `/` and its files under `/playground/assets/`, and nothing else. */
export function mountPage(server: Server): void {
  const assets = pageAssets();
  const read = assetReader(assets);

  const serve = async (res: Response, name: string) => {
    const content = await read(name);
    const asset = assets[name];
    if (!content || !asset) {
      res.send(404, { error: { code: 'not-found', message: 'No such playground asset.' } });
      return;
    }
    res.writeHead(200, {
      'Content-Type': asset.type,
      'Content-Length': content.length,
      'Cache-Control': asset.immutable ? 'public, max-age=86400' : 'no-cache',
    });
    res.end(content);
  };
  server.get('/', async (_req: Request, res: Response) => serve(res, 'index.html'));
  server.get('/favicon.ico', async (_req: Request, res: Response) => {
    res.send(204);
  });
  server.get('/playground/assets/:name', async (req: Request, res: Response) =>
    serve(res, String(req.params?.name ?? '')),
  );
}
