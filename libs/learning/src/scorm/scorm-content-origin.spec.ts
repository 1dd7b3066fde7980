import { isScormContentHost, scormContentOrigin, scormProductOrigin } from './scorm-content-origin';

describe('the SCORM content origin', () => {
  const loopback = { publicUrl: 'http://127.0.0.1:3000' };
  const configured = {
    publicUrl: 'https://training.example.gov.mn',
    SCORM_CONTENT_ORIGIN: 'https://content.training.example.gov.mn',
  };

  it("is the other loopback name on the page's port when unset on a loopback PUBLIC_URL", () => {
    expect(scormContentOrigin(loopback, 'http', '127.0.0.1:4123')).toBe('http://localhost:4123');
    expect(isScormContentHost(loopback, 'localhost:4123')).toBe(true);
    expect(isScormContentHost(loopback, '127.0.0.1:4123')).toBe(false);
    expect(scormProductOrigin(loopback, 'http', 'localhost:4123')).toBe('http://127.0.0.1:4123');
    const localhost = { publicUrl: 'http://localhost:3000' };
    expect(scormContentOrigin(localhost, 'http', 'localhost:3000')).toBe('http://127.0.0.1:3000');
    expect(isScormContentHost(localhost, '127.0.0.1:3000')).toBe(true);
  });

  it('is none on a page that is not on the product’s loopback name when unset', () => {
    expect(scormContentOrigin(loopback, 'http', 'training.example.gov.mn')).toBeNull();
    expect(scormContentOrigin({ publicUrl: 'https://training.example.gov.mn' }, 'https', 'localhost:3000')).toBeNull();
    expect(isScormContentHost({ publicUrl: 'https://training.example.gov.mn' }, 'localhost:3000')).toBe(false);
  });

  it('is SCORM_CONTENT_ORIGIN when set, and only its host is the content host', () => {
    expect(scormContentOrigin(configured, 'https', 'training.example.gov.mn')).toBe(configured.SCORM_CONTENT_ORIGIN);
    expect(isScormContentHost(configured, 'content.training.example.gov.mn')).toBe(true);
    expect(isScormContentHost(configured, 'localhost:3000')).toBe(false);
    expect(scormProductOrigin(configured, 'https', 'content.training.example.gov.mn')).toBe(
      'https://training.example.gov.mn',
    );
  });

  it('keeps anything but digits out of the port it writes into an origin', () => {
    expect(scormProductOrigin(loopback, 'http', 'localhost:1"><script>')).toBe('http://127.0.0.1');
  });
});
