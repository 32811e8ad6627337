// Deutsche Texte der Umfragen: Standardfragen, Umfrage-E-Mail, öffentliche Seite, Mails an Mitarbeitende.
import type { SurveyTexts } from './en.js';

export const de: SurveyTexts = {
  defaults: {
    sale_csat: {
      question: 'Wie zufrieden sind Sie mit Ihrem Kauf und unserer Abwicklung?',
      comment: 'Was können wir besser machen? (optional)',
    },
    after_sales_csat: {
      question: 'Wie zufrieden sind Sie mit unserem Service?',
      comment: 'Was können wir besser machen? (optional)',
    },
    recovery_csat: {
      question: 'Sind Sie mit der Bearbeitung Ihrer Beschwerde zufrieden?',
      comment: 'Möchten Sie uns noch etwas mitteilen? (optional)',
    },
    relationship_nps: {
      question: 'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?',
      comment: 'Was ist der wichtigste Grund für Ihre Bewertung? (optional)',
    },
    service_ces: {
      question: 'Das Unternehmen hat es mir leicht gemacht, mein Anliegen zu erledigen.',
      comment: 'Was könnten wir einfacher machen? (optional)',
    },
    exit_interview: {
      question: 'Schade, dass Sie gehen. Was ist der wichtigste Grund?',
      comment: 'Möchten Sie uns mehr dazu sagen? (optional)',
    },
  },
  exitReasons: {
    price: 'Preis',
    quality: 'Qualität',
    service: 'Service',
    moved: 'Ich bin umgezogen',
    competitor: 'Ich habe einen anderen Anbieter gewählt',
    no_need: 'Ich brauche es nicht mehr',
    other: 'Sonstiges',
  },
  scale: {
    csat: { low: 'sehr unzufrieden', high: 'sehr zufrieden' },
    nps: { low: 'überhaupt nicht wahrscheinlich', high: 'äußerst wahrscheinlich' },
    ces: { low: 'stimme überhaupt nicht zu', high: 'stimme voll und ganz zu' },
  },
  mail: {
    subject: 'Eine kurze Frage: {question}',
    reminderSubject: 'Erinnerung: Ihre Meinung ist uns wichtig',
    greeting: 'Guten Tag {name},',
    intro: 'vielen Dank für Ihr Vertrauen. Eine kurze Frage, die Antwort dauert nur Sekunden:',
    pickScore: 'Klicken Sie auf eine Zahl, um zu antworten:',
    openLink: 'Oder öffnen Sie die Umfrage hier:',
    validUntil: 'Der Link ist gültig bis {date}.',
    objection:
      'Sie erhalten diese E-Mail, weil Sie unser Kunde sind. Wenn Sie keine Umfragen mehr erhalten möchten, widersprechen Sie hier (ein Klick, kostenlos):',
    signature: 'Mit freundlichen Grüßen\nIhr Service-Team',
  },
  page: {
    title: 'Ihre Meinung',
    submit: 'Antwort senden',
    commentLabel: 'Ihr Kommentar',
    reasonLegend: 'Grund',
    noReason: 'Keine Angabe',
    scaleHint: '{low} bis {high}',
    thanksTitle: 'Vielen Dank!',
    thanksText: 'Ihre Antwort wurde gespeichert. Sie hilft uns, besser zu werden.',
    usedTitle: 'Bereits beantwortet',
    usedText: 'Diese Umfrage wurde bereits beantwortet. Vielen Dank!',
    invalidTitle: 'Link nicht verfügbar',
    invalidText: 'Dieser Link ist nicht oder nicht mehr gültig. Kein Problem: Sie müssen nichts weiter tun.',
    errorScore: 'Bitte wählen Sie einen Wert auf der Skala oder schreiben Sie einen Kommentar.',
    errorReason: 'Bitte wählen Sie einen der genannten Gründe.',
    errorComment: 'Der Kommentar darf höchstens 4000 Zeichen lang sein.',
    errorForm: 'Das Formular ist abgelaufen. Bitte senden Sie es noch einmal.',
    objectionTitle: 'Keine Umfragen mehr?',
    objectionText: 'Bestätigen Sie, und wir senden Ihnen keine Umfragen per E-Mail mehr.',
    objectionButton: 'Ja, bitte keine Umfragen mehr',
    objectionDoneTitle: 'Erledigt',
    objectionDoneText: 'Sie erhalten von uns keine Umfragen per E-Mail mehr.',
    objectionLink: 'Keine Umfragen mehr',
  },
  staff: {
    praiseSubject: 'Ein Kunde hat Ihre Arbeit gelobt',
    praiseText:
      'Gute Nachricht: Ein Kunde hat eine Umfrage mit {score} beantwortet und geschrieben:\n\n{comment}\n\nDanke für Ihre Arbeit!',
  },
  followUp: {
    taskTitle: 'Umfrage-Nachfassen: {kind}-Antwort {score}',
    exitTitle: 'Austrittsbefragung beantwortet: {reason}',
    taskDescription:
      'Umfrage {code}, beantwortet am {at}.\nBewertung: {score}\nGrund: {reason}\nKommentar: {comment}',
    reopenReason:
      'Der Kunde ist mit der Bearbeitung der Beschwerde nicht zufrieden (Umfrageantwort {score}).',
  },
};
