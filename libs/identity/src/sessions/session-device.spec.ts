import { sessionDevice } from './session-device';

describe('sessionDevice', () => {
  it('names the browser (major version) and system of a desktop browser', () => {
    expect(
      sessionDevice(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.71 Safari/537.36',
      ),
    ).toEqual({ browser: 'Chrome 120', system: 'Windows 10' });
  });

  it('names a phone browser', () => {
    expect(
      sessionDevice(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
      ),
    ).toEqual({ browser: 'Safari 17', system: 'iOS' });
  });

  it('says nothing rather than guess for a missing or unknown agent', () => {
    expect(sessionDevice(null)).toEqual({ browser: null, system: null });
    expect(sessionDevice('   ')).toEqual({ browser: null, system: null });
    expect(sessionDevice('curl/8.5.0')).toEqual({ browser: null, system: null });
  });
});
