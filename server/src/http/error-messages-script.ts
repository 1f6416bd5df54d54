import { ERROR_MESSAGES_ZH, FIELD_LABELS_ZH } from '@kejing/shared';

/**
 * The Chinese for every error code and request field, for the consoles' plain browser script,
 * which cannot import shared: served as `<page>/error-messages.js`. `window.KEJING_ERRORS.text(body,
 * status)` gives the words for an error answer (the server's own Chinese message when it has one);
 * `field(name)` a field's name.
 */
export const ERROR_MESSAGES_JS = `'use strict';
// Made by the server from @kejing/shared (contracts/error-messages.zh.ts); edit the words there.
(function () {
  var messages = ${JSON.stringify(ERROR_MESSAGES_ZH)};
  var fields = ${JSON.stringify(FIELD_LABELS_ZH)};
  var own = function (table, key) { return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined; };
  var chinese = /[\\u4e00-\\u9fff]/;
  function field(name) {
    var whole = own(fields, name);
    if (whole) return whole;
    var parts = String(name).split(/[.[\\]]+/).filter(function (p) { return p !== '' && !/^\\d+$/.test(p); });
    for (var i = parts.length - 1; i >= 0; i -= 1) { var label = own(fields, parts[i]); if (label) return label; }
    return '填写的内容';
  }
  function text(body, status) {
    var error = body && body.error;
    if (error && typeof error.message === 'string' && chinese.test(error.message)) return error.message;
    if (error && own(messages, error.code)) return own(messages, error.code);
    if (status === 401) return messages.unauthorized;
    if (status === 403) return messages.forbidden;
    if (status === 404) return messages.not_found;
    if (status === 429) return messages.rate_limited;
    if (status >= 500) return messages.database_unavailable;
    return messages.bad_request;
  }
  function details(body) {
    var list = (body && body.error && body.error.details) || [];
    return list.map(function (d) { return (d.label || field(d.field)) + '：' + d.reason; });
  }
  window.KEJING_ERRORS = { messages: messages, fields: fields, field: field, text: text, details: details };
})();
`;
