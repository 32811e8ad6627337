import { describe, expect, it } from 'vitest';
import { detectAnger, levelFromScore } from './detect-anger.js';

const kinds = (text: string, lang: 'de' | 'en') => detectAnger(text, lang).signals.map((s) => s.kind);

describe('anger and insult words', () => {
  it('German compounds and inflections match by prefix (Unverschämtheit, Frechheit, katastrophal)', () => {
    for (const text of ['So eine Unverschämtheit.', 'Was für eine Frechheit.', 'Katastrophaler Service.']) {
      expect(kinds(text, 'de')).toContain('insult');
    }
  });

  it('a German compound with the anger word at the end still matches (Servicekatastrophe)', () => {
    expect(detectAnger('Eine einzige Servicekatastrophe.', 'de').signals[0]).toMatchObject({
      kind: 'insult',
      text: 'Servicekatastrophe',
    });
  });

  it('umlauts may be spelled out (unverschaemt)', () => {
    expect(detectAnger('Das ist unverschaemt.', 'de').score).toBe(
      detectAnger('Das ist unverschämt.', 'de').score,
    );
  });

  it('one strong English word escalates on its own', () => {
    expect(detectAnger('This is outrageous.', 'en').escalate).toBe(true);
  });

  it('a neutral request has level 0 and no signals', () => {
    expect(detectAnger('Could you send me a copy of my invoice?', 'en')).toMatchObject({
      level: 0,
      signals: [],
    });
  });
});

describe('negation', () => {
  it('"nicht zufrieden" is dissatisfaction', () => {
    const result = detectAnger('Ich bin mit dem Service nicht zufrieden.', 'de');
    expect(result.signals.map((s) => s.kind)).toEqual(['negated_positive']);
    expect(result.level).toBeGreaterThan(0);
  });

  it('"nicht schlecht" is not angry', () => {
    expect(detectAnger('Das war nicht schlecht.', 'de').level).toBe(0);
  });

  it('"kein Problem" is not angry', () => {
    expect(detectAnger('Kein Problem, ich warte.', 'de').level).toBe(0);
  });

  it('"not bad" is not angry', () => {
    expect(detectAnger('The coffee was not bad.', 'en').level).toBe(0);
  });

  it('a cancelled word is still listed as a zero-weight negation signal', () => {
    expect(detectAnger('The agent was not rude.', 'en').signals).toEqual([
      { kind: 'negation', text: 'not rude', weight: 0 },
    ]);
  });

  it('a contraction negates ("wasn\'t rude")', () => {
    expect(detectAnger("The agent wasn't rude.", 'en').level).toBe(0);
  });

  it('"not only … but" is emphasis, not negation', () => {
    expect(kinds('This is not only annoying.', 'en')).toEqual(['complaint']);
  });

  it('"never been so insulted" is emphasis, not negation', () => {
    expect(kinds('I have never been so insulted.', 'en')).toContain('insult');
  });

  it('negation does not reach across a comma', () => {
    expect(kinds('Nicht heute, aber unverschämt ist es trotzdem.', 'de')).toContain('insult');
  });
});

describe('intensifiers and diminishers', () => {
  it('an intensifier raises the score of the word it modifies', () => {
    expect(detectAnger('I am extremely angry.', 'en').score).toBeGreaterThan(
      detectAnger('I am angry.', 'en').score,
    );
  });

  it('an inflected German intensifier counts ("eine absolute Frechheit")', () => {
    expect(kinds('Das ist eine absolute Frechheit.', 'de')).toEqual(['insult', 'intensifier']);
  });

  it('a diminisher lowers the score ("etwas enttäuscht")', () => {
    const softened = detectAnger('Ich bin etwas enttäuscht.', 'de');
    expect(softened.score).toBeLessThan(detectAnger('Ich bin enttäuscht.', 'de').score);
    expect(softened.signals.find((s) => s.kind === 'diminisher')?.weight).toBeLessThan(0);
  });
});

describe('shouting', () => {
  it('ALL-CAPS words are caps signals', () => {
    expect(
      detectAnger('WARUM ANTWORTET niemand', 'de').signals.filter((s) => s.kind === 'caps'),
    ).toHaveLength(2);
  });

  it('known abbreviations and short words in capitals are not shouting', () => {
    expect(kinds('Das PDF von DHL kam per SMS, OK.', 'de')).not.toContain('caps');
  });

  it('a run of exclamation marks is a signal, a single one is not', () => {
    expect(kinds('Please hurry!!!', 'en')).toEqual(['exclamation']);
    expect(kinds('Please hurry!', 'en')).toEqual([]);
  });

  it('shouting saturates: forty exclamation runs score no more than three', () => {
    const many = detectAnger('Hurry!! '.repeat(40), 'en').score;
    expect(many).toBe(detectAnger('Hurry!! '.repeat(3), 'en').score);
  });
});

describe('repeated contact', () => {
  it('"zum dritten Mal" and "zum 3. Mal" are repeated contact', () => {
    expect(kinds('Ich schreibe zum dritten Mal.', 'de')).toEqual(['repeat']);
    expect(kinds('Ich schreibe zum 3. Mal.', 'de')).toEqual(['repeat']);
  });

  it('"third time" is repeated contact and is not cancelled by a negator before it', () => {
    expect(kinds('Not again, this is the third time.', 'en')).toContain('repeat');
  });
});

describe('leaving intent', () => {
  it('"kündige" sets leaving and escalates even without anger words', () => {
    const result = detectAnger('Hiermit kündige ich meinen Vertrag.', 'de');
    expect(result).toMatchObject({ leaving: true, escalate: true });
    expect(result.level).toBeLessThan(0.5);
  });

  it('"cancel my account" with words in between sets leaving', () => {
    expect(detectAnger('Please cancel my whole account.', 'en').leaving).toBe(true);
  });

  it('cancelling an order is not leaving', () => {
    expect(detectAnger('How do I cancel my order?', 'en').leaving).toBe(false);
  });

  it('a negated leaving phrase is not leaving ("I\'m not going to cancel my account")', () => {
    expect(detectAnger("I'm not going to cancel my account.", 'en').leaving).toBe(false);
  });

  it('German negation after the verb ("ich kündige nicht") is not leaving', () => {
    expect(detectAnger('Keine Sorge, ich kündige nicht.', 'de').leaving).toBe(false);
  });
});

describe('threats', () => {
  it('lawyer, press and review sites are threats', () => {
    expect(kinds('Ich schalte meinen Anwalt ein.', 'de')).toEqual(['threat']);
    expect(kinds('I am going to the press.', 'en')).toEqual(['threat']);
    expect(kinds('Expect a review on Trustpilot.', 'en')).toEqual(['threat']);
  });
});

describe('level and escalation', () => {
  it('the signal weights add up to the score', () => {
    const result = detectAnger('Das ist eine absolute Unverschämtheit!! Zum dritten Mal!', 'de');
    const sum = result.signals.reduce((s, x) => s + x.weight, 0);
    expect(result.score).toBeCloseTo(sum, 6);
  });

  it('the level is 0 for score 0 and grows towards 1', () => {
    expect(levelFromScore(0)).toBe(0);
    expect(levelFromScore(2)).toBeLessThan(levelFromScore(4));
    expect(levelFromScore(100)).toBeLessThanOrEqual(1);
  });

  it('escalateAt moves the escalation threshold', () => {
    const text = 'I am disappointed.';
    expect(detectAnger(text, 'en').escalate).toBe(false);
    expect(detectAnger(text, 'en', { escalateAt: 0.2 }).escalate).toBe(true);
  });

  it('rejects an unknown language and an out-of-range threshold', () => {
    expect(() => detectAnger('x', 'fr' as 'de')).toThrow(/language/);
    expect(() => detectAnger('x', 'de', { escalateAt: 2 })).toThrow(RangeError);
  });
});
