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

  it('is scorm.<name> on the same port for a page opened at a name under .localhost, the same site', () => {
    expect(scormContentOrigin(loopback, 'http', 'chadavkhi.localhost:4123')).toBe(
      'http://scorm.chadavkhi.localhost:4123',
    );
    expect(isScormContentHost(loopback, 'scorm.chadavkhi.localhost:4123')).toBe(true);
    expect(isScormContentHost(loopback, 'chadavkhi.localhost:4123')).toBe(false);
    expect(scormProductOrigin(loopback, 'http', 'scorm.chadavkhi.localhost:4123')).toBe(
      'http://chadavkhi.localhost:4123',
    );
    // The content origin has no content origin of its own; nor has a bare scorm.localhost.
    expect(scormContentOrigin(loopback, 'http', 'scorm.chadavkhi.localhost:4123')).toBeNull();
    expect(scormContentOrigin(loopback, 'http', 'scorm.localhost:4123')).toBeNull();
    // PUBLIC_URL itself may be such a name; its loopback addresses then have no content origin.
    const named = { publicUrl: 'http://chadavkhi.localhost:3000' };
    expect(scormContentOrigin(named, 'http', 'chadavkhi.localhost:3000')).toBe('http://scorm.chadavkhi.localhost:3000');
    expect(scormContentOrigin(named, 'http', '127.0.0.1:3000')).toBeNull();
    expect(isScormContentHost(named, 'localhost:3000')).toBe(false);
  });

  it('takes no name with anything but letters, digits, hyphens and dots as a .localhost name', () => {
    expect(scormContentOrigin(loopback, 'http', 'a"b.localhost:4123')).toBeNull();
    expect(isScormContentHost(loopback, 'scorm.a"><b.localhost')).toBe(false);
    expect(scormProductOrigin(loopback, 'http', 'scorm.a"><b.localhost')).toBe('http://127.0.0.1');
  });

  it('is none on a page that is not on the product’s loopback name when unset', () => {
    expect(scormContentOrigin(loopback, 'http', 'training.example.gov.mn')).toBeNull();
    expect(scormContentOrigin({ publicUrl: 'https://training.example.gov.mn' }, 'https', 'localhost:3000')).toBeNull();
    expect(isScormContentHost({ publicUrl: 'https://training.example.gov.mn' }, 'localhost:3000')).toBe(false);
    expect(isScormContentHost({ publicUrl: 'https://training.example.gov.mn' }, 'scorm.a.localhost')).toBe(false);
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
