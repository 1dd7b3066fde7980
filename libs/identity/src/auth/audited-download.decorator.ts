import { SetMetadata } from '@nestjs/common';

export const AUDITED_DOWNLOAD = 'chadavkhi:audited-download';

/**
 * A GET whose answer is written to the audit log (a staff export, a marking key). A browser sends
 * the session cookie with any GET another page starts (an <img>, a link), so a cookie session is
 * refused here and must POST the same address with the page's CSRF token (the pages' download
 * buttons do); bearer-token clients, whose token no other page can make them send, may GET it.
 */
export const AuditedDownload = () => SetMetadata(AUDITED_DOWNLOAD, true);
