// The worker-thread side of StaffFileReader: one file in, checked rows (or the file's refusal) out.
import { readStaffFile, type StaffFileResult } from './staff-file';

export interface StaffFileTask {
  bytes: Uint8Array;
  fileName: string;
  maxRows: number;
}

export default async function read(task: StaffFileTask): Promise<StaffFileResult> {
  const isZip = task.bytes[0] === 0x50 && task.bytes[1] === 0x4b && task.bytes[2] === 0x03 && task.bytes[3] === 0x04;
  if (!isZip) return readStaffFile(task.bytes, task.fileName, task.maxRows);
  // exceljs takes a second to load: only a workbook pays for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { readStaffWorkbook } = require('./staff-workbook') as typeof import('./staff-workbook');
  return readStaffWorkbook(task.bytes, task.maxRows);
}
