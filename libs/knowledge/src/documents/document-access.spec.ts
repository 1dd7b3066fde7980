import { mayApproveSubmission, WorkflowFacts, workflowSteps } from './document-access';

const doc = (facts: Partial<WorkflowFacts>): WorkflowFacts => ({
  status: 'draft',
  currentVersion: 1,
  publishedVersion: null,
  requiresApproval: true,
  ...facts,
});

describe('workflowSteps', () => {
  it('has an editor ask for approval and a reviewer decide', () => {
    expect(workflowSteps(false, doc({}))).toEqual(['submit']);
    expect(workflowSteps(true, doc({}))).toEqual(['publish']);
    expect(workflowSteps(false, doc({ status: 'in_review' }))).toEqual([]);
    expect(workflowSteps(true, doc({ status: 'in_review' }))).toEqual(['approve', 'reject']);
  });

  it('lets anyone editing a document that needs no approval publish it', () => {
    expect(workflowSteps(false, doc({ requiresApproval: false }))).toEqual(['publish']);
    expect(workflowSteps(false, doc({ requiresApproval: false, status: 'in_review' }))).toEqual(['publish']);
  });

  it('offers archiving a published document, and publishing only unpublished work', () => {
    const published = doc({ status: 'published', publishedVersion: 1 });
    expect(workflowSteps(true, published)).toEqual(['archive']);
    expect(workflowSteps(false, { ...published, currentVersion: 2 })).toEqual(['submit', 'archive']);
    expect(workflowSteps(true, { ...published, currentVersion: 2 })).toEqual(['publish', 'archive']);
    expect(workflowSteps(true, doc({ status: 'archived', publishedVersion: 1, currentVersion: 2 }))).toEqual([]);
  });

  it('offers the reviewer who submitted the version waiting only to send it back, as the review service rules', () => {
    expect(workflowSteps(true, doc({ status: 'in_review' }), false)).toEqual(['reject']);
    const reviewer = { id: 'r', roles: ['hr_officer' as const] };
    expect(mayApproveSubmission(reviewer, 'r')).toBe(false);
    expect(mayApproveSubmission(reviewer, 'someone-else')).toBe(true);
    expect(mayApproveSubmission({ id: 'a', roles: ['admin' as const] }, 'a')).toBe(true);
  });
});
