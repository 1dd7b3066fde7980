import { UnprocessableEntityException } from '@nestjs/common';
import { checkRuntimeData, scormSeconds } from './scorm-runtime-data';

const refusedFields = (version: '1.2' | '2004-4', input: Parameters<typeof checkRuntimeData>[1]) => {
  try {
    checkRuntimeData(version, input);
  } catch (error) {
    expect(error).toBeInstanceOf(UnprocessableEntityException);
    return ((error as UnprocessableEntityException).getResponse() as { errors: { field: string }[] }).errors.map(
      (e) => e.field,
    );
  }
  return [];
};

describe('SCORM runtime data', () => {
  it('reads time spans the way each version writes them', () => {
    expect(scormSeconds('1.2', '0001:02:03.5')).toBe(3723.5);
    expect(scormSeconds('1.2', '00:00:30')).toBe(30);
    expect(scormSeconds('1.2', 'PT30S')).toBeNull();
    expect(scormSeconds('1.2', '00:61:00')).toBeNull();
    expect(scormSeconds('2004-4', 'PT1H2M3.25S')).toBe(3723.25);
    expect(scormSeconds('2004-3', 'P1DT1S')).toBe(86401);
    expect(scormSeconds('2004-4', 'P')).toBeNull();
    expect(scormSeconds('2004-4', 'PT')).toBeNull();
    expect(scormSeconds('2004-4', '00:00:30')).toBeNull();
  });

  it('counts a SCO done as each version says', () => {
    expect(checkRuntimeData('1.2', { lessonStatus: 'passed' }).done).toBe(true);
    expect(checkRuntimeData('1.2', { lessonStatus: 'completed' }).done).toBe(true);
    expect(checkRuntimeData('1.2', { lessonStatus: 'failed' }).done).toBe(false);
    expect(checkRuntimeData('1.2', { lessonStatus: 'incomplete' }).done).toBe(false);
    expect(checkRuntimeData('2004-4', { completionStatus: 'completed' }).done).toBe(true);
    expect(checkRuntimeData('2004-4', { completionStatus: 'completed', successStatus: 'unknown' }).done).toBe(true);
    expect(checkRuntimeData('2004-4', { completionStatus: 'completed', successStatus: 'passed' }).done).toBe(true);
    expect(checkRuntimeData('2004-4', { completionStatus: 'completed', successStatus: 'failed' }).done).toBe(false);
    expect(checkRuntimeData('2004-4', { completionStatus: 'incomplete', successStatus: 'passed' }).done).toBe(false);
  });

  it("bounds suspend data and location at each version's size, and its vocabulary", () => {
    expect(refusedFields('1.2', { suspendData: 'x'.repeat(4096), location: 'l'.repeat(255) })).toEqual([]);
    expect(refusedFields('1.2', { suspendData: 'x'.repeat(4097), location: 'l'.repeat(256) })).toEqual([
      'location',
      'suspendData',
    ]);
    expect(refusedFields('2004-4', { suspendData: 'x'.repeat(64000), location: 'l'.repeat(1000) })).toEqual([]);
    expect(refusedFields('2004-4', { location: 'l'.repeat(1001) })).toEqual(['location']);
    expect(refusedFields('1.2', { interactions: [{ id: 'q1', type: 'other', result: 'incorrect' }] })).toEqual([
      'interactions.0.type',
      'interactions.0.result',
    ]);
    expect(refusedFields('2004-4', { interactions: [{ id: 'q1', type: 'other', result: '0.75' }] })).toEqual([]);
    expect(refusedFields('2004-4', { interactions: Array.from({ length: 251 }, (_, i) => ({ id: `q${i}` })) })).toEqual(
      ['interactions'],
    );
  });
});
