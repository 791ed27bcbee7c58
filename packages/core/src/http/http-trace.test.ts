import { describe, expect, it } from 'vitest';
import { tracedHeaders, tracedUrl } from './http-trace.js';

describe('what the HTTP trace keeps of a request', () => {
  it('masks every query value of a signed CDN URL, keeping the keys', () => {
    const url =
      'https://cdn.example/v1/abc.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIA%2F1&X-Amz-Security-Token=gen0.secret&X-Amz-Signature=deadbeef&response-content-disposition=attachment';
    const { host, path } = tracedUrl(url);
    expect(host).toBe('cdn.example');
    expect(path).toBe(
      '/v1/abc.mp4?X-Amz-Algorithm=***&X-Amz-Credential=***&X-Amz-Security-Token=***&X-Amz-Signature=***&response-content-disposition=***',
    );
  });

  it('masks codes, tokens, keys, signatures and upload ids, and keeps paging and filters', () => {
    const { path } = tracedUrl(
      'http://127.0.0.1:9/media/search?page=2&per_page=100&order_by=captured_at&code=4%2F0Ab&token=t&key=k&Signature=s&upload_id=u&pageToken=p&upload_protocol=resumable',
    );
    expect(path).toBe(
      '/media/search?page=2&per_page=100&order_by=captured_at&code=***&token=***&key=***&Signature=***&upload_id=***&pageToken=***&upload_protocol=resumable',
    );
  });

  it('keeps a few response headers, and of a redirect only the host', () => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'set-cookie': 'gp_access_token=secret',
      'retry-after': '3',
      location: 'https://accounts.example/o/oauth2/auth?code=secret',
      'x-goog-upload-status': 'active',
    };
    expect(tracedHeaders((name) => headers[name])).toEqual({
      'content-type': 'application/json',
      'retry-after': '3',
      location: 'accounts.example',
      'x-goog-upload-status': 'active',
    });
  });
});
