/** A local fake of arXiv (127.0.0.1 only): the export API's Atom feed and PDFs generated from given pages. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildTextPdf, type PdfPage } from './fakeArxivPdf';

/** A paper the fake serves. */
export interface FakeArxivPaper {
  id: string;
  /** Versions available, e.g. ['v1', 'v2']; the last is the latest. */
  versions: string[];
  title: string;
  authors: string[];
  abstract: string;
  /** Pages of text for the PDF (same for every version unless pagesByVersion is set). */
  pages: PdfPage[];
  pagesByVersion?: Record<string, PdfPage[]>;
}

/** A running fake: its base URL, the requests it saw, and close(). */
export interface FakeArxiv {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function atomFeed(entries: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <title type="html">ArXiv Query</title>
  <opensearch:totalResults>${entries.length}</opensearch:totalResults>
${entries.join('\n')}
</feed>
`;
}

function entryXml(p: FakeArxivPaper, version: string): string {
  return `  <entry>
    <id>http://arxiv.org/abs/${p.id}${version}</id>
    <updated>2026-02-17T10:00:00Z</updated>
    <published>2026-02-16T10:00:00Z</published>
    <title>${xmlEscape(p.title).replace(/ /, '\n      ')}</title>
    <summary>  ${xmlEscape(p.abstract)}
    </summary>
${p.authors.map((a) => `    <author>\n      <name>${xmlEscape(a)}</name>\n    </author>`).join('\n')}
    <link href="http://arxiv.org/abs/${p.id}${version}" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${p.id}${version}" rel="related" type="application/pdf"/>
    <arxiv:primary_category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`;
}

const ERROR_ENTRY = `  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_ID</id>
    <title>Error</title>
    <summary>incorrect id format for ID</summary>
  </entry>`;

/** Starts the fake on 127.0.0.1 with a random port. */
export async function startFakeArxiv(papers: FakeArxivPaper[]): Promise<FakeArxiv> {
  const requests: string[] = [];
  const find = (raw: string) => {
    const m = /^(.+?)(v\d+)?$/.exec(raw);
    const p = m ? papers.find((x) => x.id === m[1]) : undefined;
    if (!p || !m) return null;
    const version = m[2] ?? p.versions[p.versions.length - 1];
    return p.versions.includes(version) ? { p, version } : null;
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (url.pathname === '/api/query') {
      const ids = (url.searchParams.get('id_list') ?? '').split(',').filter(Boolean);
      const entries: string[] = [];
      for (const id of ids) {
        if (!/^[\w./-]+$/.test(id)) {
          entries.push(ERROR_ENTRY.replace(/ID/g, xmlEscape(id)));
          continue;
        }
        const hit = find(id);
        if (hit) entries.push(entryXml(hit.p, hit.version));
      }
      res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
      res.end(atomFeed(entries));
      return;
    }
    const pdf = /^\/pdf\/(.+?)(\.pdf)?$/.exec(url.pathname);
    const hit = pdf ? find(pdf[1]) : null;
    if (hit) {
      const pages = hit.p.pagesByVersion?.[hit.version] ?? hit.p.pages;
      const body = buildTextPdf(pages);
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': body.length });
      res.end(body);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
