// The customer's status page (/c/<token>) and its confirmation page: server-rendered, in the case's
// language, every customer and staff text escaped and shown as text.
import { formatDateTime, interpolate } from '../platform/i18n/i18n.js';
import { esc, messagePage, publicPage } from './case-public-layout.js';
import { publicTexts } from './case-public.texts.js';
import type { StatusView } from './case-status-page.service.js';

const de = publicTexts('de').status;
const en = publicTexts('en').status;

/** The status page with the reply form; `error` when a reply was refused (kept in the field). */
export function statusPage(
  token: string,
  v: StatusView,
  nonce: string,
  state: { reply?: string; error?: string } = {},
): string {
  const t = publicTexts(v.lang).status;
  const when = (iso: string) => formatDateTime(iso, v.lang, v.timeZone);
  const points = v.points
    .map(
      (p) => `<li><p class="pre">${esc(p.text)}</p>
${
  p.answer
    ? `<div class="answer"><strong>${esc(t.answer)}</strong><p class="pre">${esc(p.answer)}</p></div>`
    : `<p><em>${esc(t.noAnswer)}</em></p>`
}</li>`,
    )
    .join('\n');
  const commitments = v.commitments.length
    ? `<ul>${v.commitments
        .map(
          (k) =>
            `<li><span class="pre">${esc(k.description)}</span> – ${esc(
              k.fulfilledAt
                ? interpolate(t.fulfilled, { at: when(k.fulfilledAt) })
                : interpolate(t.due, { at: when(k.dueAt) }),
            )}</li>`,
        )
        .join('')}</ul>`
    : `<p>${esc(t.noCommitments)}</p>`;
  const err = state.error ? `\n<p class="error" id="message-error" role="alert">${esc(state.error)}</p>` : '';
  const body = `<dl>
<dt>${esc(t.state)}</dt><dd>${esc(t.states[v.status])}</dd>
<dt>${esc(t.owner)}</dt><dd>${esc(v.ownerName ?? t.noOwner)}</dd>
<dt>${esc(t.received)}</dt><dd>${esc(when(v.receivedAt))}</dd>
${v.resolutionDueAt && v.status !== 'resolved' && v.status !== 'closed' ? `<dt>${esc(t.answerBy)}</dt><dd>${esc(when(v.resolutionDueAt))}</dd>\n` : ''}</dl>
<h2>${esc(t.points)}</h2>
<ol class="points">${points}</ol>
<h2>${esc(t.commitments)}</h2>
${commitments}
<form method="post" action="/c/${esc(token)}" accept-charset="utf-8">
<input type="hidden" name="nonce" value="${esc(nonce)}">
<label for="message">${esc(t.replyLabel)}</label>
<textarea id="message" name="message" maxlength="10000" required${state.error ? ' aria-invalid="true" aria-describedby="message-error"' : ''}>${esc(state.reply ?? '')}</textarea>${err}
<button type="submit">${esc(t.replySubmit)}</button>
</form>`;
  return publicPage(v.lang, interpolate(t.title, { reference: v.reference }), body);
}

/** The confirmation page: a GET only shows this button; the POST records the confirmation. */
export function confirmPage(token: string, v: Pick<StatusView, 'lang' | 'reference'>, nonce: string): string {
  const t = publicTexts(v.lang).confirm;
  return publicPage(
    v.lang,
    t.title,
    `<p>${esc(interpolate(t.text, { reference: v.reference }))}</p>
<form method="post" action="/c/${esc(token)}/confirm"><input type="hidden" name="nonce" value="${esc(nonce)}">
<button type="submit">${esc(t.button)}</button></form>`,
  );
}

/** After confirming: thanks and the way to the status page. */
export function confirmedPage(token: string, v: Pick<StatusView, 'lang' | 'reference'>): string {
  const t = publicTexts(v.lang).confirm;
  return messagePage(
    v.lang,
    t.doneTitle,
    interpolate(t.doneText, { reference: v.reference }),
    `\n<p><a href="/c/${esc(token)}">${esc(t.statusLink)}</a></p>`,
  );
}

/** A reply was added. */
export function replyThanksPage(token: string, v: Pick<StatusView, 'lang' | 'reference'>): string {
  const t = publicTexts(v.lang).status;
  return messagePage(
    v.lang,
    t.replyThanksTitle,
    interpolate(t.replyThanks, { reference: v.reference }),
    `\n<p><a href="/c/${esc(token)}">${esc(publicTexts(v.lang).confirm.statusLink)}</a></p>`,
  );
}

/** An unknown or malformed link: the same page in both languages (the link tells no language). */
export function invalidLinkPage(): string {
  return publicPage(
    'de',
    `${de.invalidTitle} / ${en.invalidTitle}`,
    `<p>${esc(de.invalidText)}</p>\n<div lang="en"><h2>${esc(en.invalidTitle)}</h2>\n<p>${esc(en.invalidText)}</p></div>`,
  );
}

/** An expired link, in the case's language. */
export function expiredLinkPage(lang: 'de' | 'en'): string {
  const t = publicTexts(lang).status;
  return messagePage(lang, t.expiredTitle, t.expiredText);
}
