// A handover with every item it handed over, as the libs that own the items describe them: what the
// API, the page and the printable PDF show. Identity decides who may read it (a 404 otherwise).
import { Injectable } from '@nestjs/common';
import { AuthUser, HandoversService } from '@chadavkhi/identity';
import { KnowledgeHandoverService } from '@chadavkhi/knowledge';
import { LearningHandoverService } from '@chadavkhi/learning';
import { HandoverReport, HandoverSummaryView } from './dto/handover-report.view';

@Injectable()
export class HandoverReportService {
  constructor(
    private readonly handovers: HandoversService,
    private readonly knowledge: KnowledgeHandoverService,
    private readonly learning: LearningHandoverService,
  ) {}

  async get(actor: AuthUser, id: string): Promise<HandoverReport> {
    const handover = await this.handovers.get(actor, id);
    const [knowledge, learning] = await Promise.all([this.knowledge.itemsOf(id), this.learning.itemsOf(id)]);
    const all = [...knowledge, ...learning];
    return {
      handover,
      documents: knowledge.filter((i) => i.kind === 'document'),
      reviews: knowledge.filter((i) => i.kind === 'review'),
      comments: knowledge.filter((i) => i.kind === 'comment'),
      courses: learning.filter((i) => i.kind === 'course'),
      sessions: learning.filter((i) => i.kind === 'session'),
      counts: { items: all.length, orphaned: all.filter((i) => i.orphaned).length },
    };
  }

  /** The handovers the actor received or gave (only received: `receivedOnly`), each with how many items it handed over. */
  async mine(actor: AuthUser, { receivedOnly = false, limit = 50 } = {}): Promise<HandoverSummaryView[]> {
    const handovers = (await this.handovers.mine(actor, limit)).filter(
      (h) => !receivedOnly || h.successor?.id === actor.id,
    );
    return Promise.all(
      handovers.map(async (h) => {
        const [k, l] = await Promise.all([this.knowledge.itemsOf(h.id), this.learning.itemsOf(h.id)]);
        return { ...h, items: k.length + l.length };
      }),
    );
  }
}
