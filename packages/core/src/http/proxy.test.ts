import { describe, expect, it } from 'vitest';
import { describeProxy, proxySettingsOf } from './proxy.js';

describe('the proxy variables', () => {
  it('are read in either case, the lower-case name first, HTTPS falling back to HTTP', () => {
    expect(proxySettingsOf({ HTTP_PROXY: 'http://a:1', no_proxy: 'x' })).toEqual({
      httpProxy: 'http://a:1',
      httpsProxy: 'http://a:1',
      noProxy: 'x',
    });
    expect(
      proxySettingsOf({ https_proxy: 'http://low:1', HTTPS_PROXY: 'http://up:1', NO_PROXY: 'y' }),
    ).toEqual({ httpProxy: '', httpsProxy: 'http://low:1', noProxy: 'y' });
    expect(proxySettingsOf({})).toEqual({ httpProxy: '', httpsProxy: '', noProxy: '' });
  });

  it('are described for doctor with the credentials masked', () => {
    expect(describeProxy({ HTTPS_PROXY: 'http://bob:hunter22@proxy:3128' })).toBe(
      'HTTPS via http://bob:***@proxy:3128',
    );
    expect(describeProxy({ NO_PROXY: 'localhost' })).toBeUndefined();
  });
});
