// The "Classroom sessions" section of a course page: upcoming sessions with what the learner can
// do in each (register, join the waiting list, cancel), as plain forms.
import { AuthUser, hasRole } from '@chadavkhi/identity';
import { ListSessionsQuery, SessionsService } from '@chadavkhi/learning';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';

const NOTICES = ['registered', 'waitlisted', 'pending', 'cancelled', 'closed'] as const;

export async function courseSessionsModel(
  lang: Language,
  user: AuthUser,
  sessions: SessionsService,
  courseId: string,
  notice: unknown,
) {
  const found = await sessions.list(user, Object.assign(new ListSessionsQuery(), { courseId, page: 1, limit: 20 }));
  const learner = hasRole(user, 'learner');
  // A learner with a supervisor asks to attend; the supervisor approves or declines on My team.
  const asks = learner && (await sessions.needsApproval(user));
  const shown = NOTICES.find((n) => n === notice);
  return {
    notice: shown ? translate(lang, `sessions.learner.notice.${shown}`) : undefined,
    noticeIsError: shown === 'closed',
    items: found.items.map((s) => {
      const mine = s.mine && s.mine.status !== 'cancelled' && s.mine.status !== 'declined' ? s.mine : null;
      const declined = s.mine?.status === 'declined' ? s.mine : null;
      return {
        when: translate(lang, 'sessions.when', {
          start: formatDate(lang, s.startsAt, true),
          end: formatDate(lang, s.endsAt, true),
        }),
        where: `${s.place} · ${s.agency.name[lang]}`,
        trainer: translate(lang, 'sessions.learner.trainer', { name: s.trainer.name }),
        seats:
          s.seatsLeft > 0
            ? translate(lang, 'sessions.learner.seatsLeft', { count: s.seatsLeft, capacity: s.capacity })
            : translate(lang, 'sessions.learner.full', { waitlisted: s.waitlisted }),
        mineText: mine
          ? mine.status === 'registered'
            ? translate(lang, 'sessions.learner.youAreRegistered')
            : mine.status === 'pending'
              ? translate(lang, 'sessions.learner.youArePending')
              : translate(lang, 'sessions.learner.youAreWaiting', { position: mine.waitlistPosition ?? 0 })
          : declined
            ? declined.declineReason
              ? translate(lang, 'sessions.learner.declinedReason', { reason: declined.declineReason })
              : translate(lang, 'sessions.learner.youWereDeclined')
            : undefined,
        registerAction: learner && !mine ? `/sessions/${s.id}/register` : undefined,
        registerText: translate(
          lang,
          asks
            ? 'sessions.learner.requestToAttend'
            : s.seatsLeft > 0
              ? 'sessions.learner.register'
              : 'sessions.learner.joinWaitingList',
        ),
        cancelAction: mine ? `/sessions/${s.id}/unregister` : undefined,
        cancelText: translate(
          lang,
          mine?.status === 'pending' ? 'sessions.learner.withdraw' : 'sessions.learner.cancel',
        ),
        manageHref: s.canManage ? `/author/sessions/${s.id}` : undefined,
      };
    }),
  };
}
