import { NOTIFICATION_KINDS } from '../inbox/notification-kind';
import { MAIL_LANGUAGES, MailTemplates } from './mail-templates';

const model = {
  name: 'Батбаяр <Оюунаа>',
  courseTitle: 'Ёс зүй & ашиг сонирхол',
  code: 'AB12-CD34-EF56',
  issuedOn: '2026 оны 1-р сарын 5',
  expiresOn: '2028 оны 1-р сарын 5',
  daysLeft: 30,
  reason: 'Алдаатай олгосон',
  version: 3,
  verifyUrl: 'https://example.gov.mn/verify/AB12-CD34-EF56',
  courseUrl: 'https://example.gov.mn/courses/1',
  appUrl: 'https://example.gov.mn/',
};

describe('mail templates in content/mail-templates', () => {
  const templates = new MailTemplates();

  it('exist for every kind in Mongolian and English and fill every placeholder', () => {
    templates.loadAll();
    for (const kind of NOTIFICATION_KINDS.filter((k) => k.startsWith('certificate.'))) {
      for (const lang of MAIL_LANGUAGES) {
        const mail = templates.render(kind, lang, model);
        for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(/\{\{|\}\}/);
        expect(mail.subject).toContain(model.courseTitle); // plain text: not escaped
        expect(mail.text).toContain(model.code);
        expect(mail.html).toContain('Ёс зүй &amp; ашиг сонирхол'); // HTML: escaped
        expect(mail.html).not.toContain('<Оюунаа>');
      }
    }
  });

  it('fill the assignment reminder and the HR digest, escaping names in HTML', () => {
    const assignment = {
      ...model,
      dueOn: '2026 оны 3-р сарын 31',
      learnUrl: 'https://example.gov.mn/learn/1',
      overdueTotal: 3,
      more: 2,
      hrUrl: 'https://example.gov.mn/hr?status=overdue',
      people: [
        {
          name: 'Дорж <Бат>',
          agency: 'Сангийн яам',
          courseTitle: 'Ёс зүй',
          dueOn: '2026 оны 1-р сарын 5',
          daysOverdue: 12,
        },
      ],
    };
    for (const lang of MAIL_LANGUAGES) {
      const due = templates.render('assignment.due', lang, assignment);
      expect(due.subject).toContain(model.courseTitle);
      expect(due.text).toContain(assignment.dueOn);
      expect(due.text).toContain(assignment.learnUrl);
      const digest = templates.render('assignment.digest', lang, assignment);
      for (const part of [due.subject, due.text, due.html, digest.subject, digest.text, digest.html])
        expect(part).not.toMatch(/\{\{|\}\}/);
      expect(digest.text).toContain('Дорж <Бат>');
      expect(digest.html).toContain('Дорж &lt;Бат&gt;');
      expect(digest.text).toContain(assignment.hrUrl);
    }
  });

  it("fill a supervisor's and a learner's session notices and the team digest, escaping names and reasons in HTML", () => {
    const session = {
      ...model,
      sessionStartsOn: '2026 оны 12-р сарын 10 09:00',
      place: 'Хурлын танхим',
      learnerName: 'Дорж <Бат>',
      supervisorName: 'Болд <Дарга>',
      reason: 'Ажил <давхцсан>',
      teamUrl: 'https://example.gov.mn/team',
      overdueTotal: 1,
      people: [
        {
          name: 'Дорж <Бат>',
          agency: 'Сангийн яам',
          courseTitle: 'Ёс зүй',
          dueOn: '2026 оны 1-р сарын 5',
          daysOverdue: 3,
        },
      ],
    };
    for (const lang of MAIL_LANGUAGES) {
      const requested = templates.render('session.requested', lang, session);
      expect(requested.subject).toContain('Дорж <Бат>');
      expect(requested.html).toContain('Дорж &lt;Бат&gt;');
      expect(requested.text).toContain(session.teamUrl);
      const nominated = templates.render('session.nominated', lang, { ...session, waitlisted: true });
      expect(nominated.html).toContain('Болд &lt;Дарга&gt;');
      const declined = templates.render('session.request_declined', lang, session);
      expect(declined.text).toContain('Ажил <давхцсан>');
      expect(declined.html).toContain('Ажил &lt;давхцсан&gt;');
      const approved = templates.render('session.request_approved', lang, session);
      const digest = templates.render('team.digest', lang, session);
      expect(digest.text).toContain('Дорж <Бат>');
      expect(digest.text).toContain(session.teamUrl);
      for (const mail of [requested, nominated, declined, approved, digest])
        for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(/\{\{|\}\}/);
    }
  });

  it('give an invitation and a reset its link and until when it works', () => {
    const account = {
      ...model,
      linkUrl: 'https://example.gov.mn/password/set/abc.def',
      linkExpiresOn: '2026 оны 1-р сарын 5 14:00',
      signInUrl: 'https://example.gov.mn/signin',
    };
    for (const kind of ['account.invitation', 'account.password_reset'] as const) {
      for (const lang of MAIL_LANGUAGES) {
        const mail = templates.render(kind, lang, account);
        for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(/\{\{|\}\}/);
        expect(mail.text).toContain(account.linkUrl);
        expect(mail.html).toContain(`href="${account.linkUrl}"`);
        expect(mail.text).toContain(account.linkExpiresOn);
      }
    }
  });

  it('speaks the language asked for', () => {
    expect(templates.render('certificate.expiring', 'mn', model).subject).toMatch(/хоногийн дараа дуусна/);
    expect(templates.render('certificate.expiring', 'en', model).subject).toMatch(/expires in 30 days/);
  });
});
