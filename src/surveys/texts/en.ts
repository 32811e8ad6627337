// English texts of surveys: default questions, the survey e-mail, the public page, staff mails.
export const en = {
  defaults: {
    sale_csat: {
      question: 'How satisfied are you with your purchase and how we handled it?',
      comment: 'What could we do better? (optional)',
    },
    after_sales_csat: {
      question: 'How satisfied are you with our service?',
      comment: 'What could we do better? (optional)',
    },
    recovery_csat: {
      question: 'Are you satisfied with how we handled your complaint?',
      comment: 'Anything else you would like to tell us? (optional)',
    },
    relationship_nps: {
      question: 'How likely is it that you would recommend us to a friend or colleague?',
      comment: 'What is the main reason for your score? (optional)',
    },
    service_ces: {
      question: 'The company made it easy for me to handle my issue.',
      comment: 'What could we make easier? (optional)',
    },
    exit_interview: {
      question: 'We are sorry to see you go. What is the main reason?',
      comment: 'Would you tell us more? (optional)',
    },
  },
  exitReasons: {
    price: 'Price',
    quality: 'Quality',
    service: 'Service',
    moved: 'I moved',
    competitor: 'I chose another provider',
    no_need: 'I no longer need it',
    other: 'Other',
  },
  scale: {
    csat: { low: 'very dissatisfied', high: 'very satisfied' },
    nps: { low: 'not at all likely', high: 'extremely likely' },
    ces: { low: 'strongly disagree', high: 'strongly agree' },
  },
  mail: {
    subject: 'A quick question: {question}',
    reminderSubject: 'Reminder: your opinion matters to us',
    greeting: 'Hello {name},',
    intro: 'Thank you for your trust. One short question, it takes a few seconds:',
    pickScore: 'Click a number to answer:',
    openLink: 'Or open the survey here:',
    validUntil: 'The link is valid until {date}.',
    objection:
      'You receive this e-mail because you are our customer. If you do not want any more surveys, object here (one click, free of charge):',
    signature: 'Kind regards\nYour service team',
  },
  page: {
    title: 'Your opinion',
    submit: 'Send answer',
    commentLabel: 'Your comment',
    reasonLegend: 'Reason',
    noReason: 'No answer',
    scaleHint: '{low} to {high}',
    thanksTitle: 'Thank you!',
    thanksText: 'Your answer has been recorded. It helps us to get better.',
    usedTitle: 'Already answered',
    usedText: 'This survey has already been answered. Thank you!',
    invalidTitle: 'Link not available',
    invalidText: 'This link is not valid or no longer valid. No problem: you do not need to do anything.',
    errorScore: 'Please choose a value on the scale or write a comment.',
    errorReason: 'Please choose one of the listed reasons.',
    errorComment: 'The comment may have at most 4000 characters.',
    errorForm: 'The form has expired. Please submit it again.',
    objectionTitle: 'No more surveys?',
    objectionText: 'Confirm and we will not send you any more surveys by e-mail.',
    objectionButton: 'Yes, send me no more surveys',
    objectionDoneTitle: 'Done',
    objectionDoneText: 'You will not receive any more surveys from us by e-mail.',
    objectionLink: 'No more surveys',
  },
  staff: {
    praiseSubject: 'A customer praised your work',
    praiseText:
      'Good news: a customer answered a survey with {score} and wrote:\n\n{comment}\n\nThank you for your work!',
  },
  followUp: {
    taskTitle: 'Survey follow-up: {kind} answer {score}',
    exitTitle: 'Exit interview answered: {reason}',
    taskDescription: 'Survey {code}, answered {at}.\nScore: {score}\nReason: {reason}\nComment: {comment}',
    reopenReason: 'The customer is not satisfied with the handling of the complaint (survey answer {score}).',
  },
};

export type SurveyTexts = typeof en;
