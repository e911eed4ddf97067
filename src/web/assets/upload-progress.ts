/**
 * The upload page's own script (the operator's desk, issue 17): enhancement only — without it the
 * form posts the file as a plain multipart form (whose size the app's form body limit caps). With
 * it: a drop zone that fills the file input, and the file sent as the request body itself
 * (text/csv or XLSX, streamed and capped as API uploads are; the form's fields in the query, the
 * CSRF token in X-CSRF-Token) by XMLHttpRequest, whose upload progress feeds a <progress> bar;
 * then the browser goes to the preview the upload redirected to (any other answer is shown as is). Served by the app (src/web/operator/index.tsx) under a URL carrying a hash of
 * this text, so it is cached for good; a module rather than a file so the Worker carries it too.
 * No inline script anywhere: the pages' Content-Security-Policy allows scripts of this origin only.
 */
export const uploadScript = `(function () {
  'use strict';
  var XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  function ready(fn) { if (document.readyState !== 'loading') fn(); else document.addEventListener('DOMContentLoaded', fn); }
  function show(html) { document.open(); document.write(html); document.close(); }
  ready(function () {
    var form = document.querySelector('form[data-upload]');
    if (!form || !window.XMLHttpRequest) return;
    var input = form.querySelector('input[type=file]');
    var zone = form.querySelector('[data-drop-zone]');
    var chosen = form.querySelector('[data-chosen-file]');
    var wrap = form.querySelector('[data-progress]');
    var bar = wrap && wrap.querySelector('progress');
    var sending = false;
    if (zone && input) {
      zone.hidden = false;
      zone.addEventListener('dragover', function (e) { e.preventDefault(); zone.classList.add('dragging'); });
      zone.addEventListener('dragleave', function () { zone.classList.remove('dragging'); });
      zone.addEventListener('drop', function (e) {
        e.preventDefault();
        zone.classList.remove('dragging');
        if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length > 0) {
          input.files = e.dataTransfer.files;
          if (chosen) chosen.textContent = input.files[0].name;
        }
      });
      input.addEventListener('change', function () { if (chosen) chosen.textContent = input.files && input.files[0] ? input.files[0].name : ''; });
    }
    form.addEventListener('submit', function (e) {
      var file = input && input.files && input.files[0];
      if (!file) return;
      e.preventDefault();
      if (sending) return;
      sending = true;
      var params = new URLSearchParams();
      ['kind', 'charset', 'locale'].forEach(function (name) {
        var field = form.elements.namedItem(name);
        if (field && field.value !== undefined) params.set(name, field.value);
      });
      params.set('name', file.name);
      var xhr = new XMLHttpRequest();
      var url = form.getAttribute('action') + '?' + params.toString();
      xhr.open('POST', url);
      xhr.setRequestHeader('Content-Type', /\\.xlsx$/i.test(file.name) ? XLSX : 'text/csv');
      xhr.setRequestHeader('Accept', 'text/html');
      var token = form.elements.namedItem('_csrf');
      if (token) xhr.setRequestHeader('X-CSRF-Token', token.value);
      if (wrap && bar) {
        wrap.hidden = false;
        bar.value = 0;
        xhr.upload.addEventListener('progress', function (ev) {
          if (!ev.lengthComputable || ev.total === 0) return;
          bar.max = ev.total;
          bar.value = ev.loaded;
          bar.setAttribute('aria-valuetext', Math.round((100 * ev.loaded) / ev.total) + ' %');
        });
      }
      xhr.addEventListener('load', function () {
        // The preview is a page of its own (the upload answers 303 to it): go there; anything else is shown as it came.
        if (xhr.responseURL && xhr.responseURL.indexOf(url) === -1 && xhr.responseURL.indexOf('/upload/') !== -1) window.location.assign(xhr.responseURL);
        else show(xhr.responseText);
      });
      xhr.addEventListener('error', function () { sending = false; if (wrap) wrap.hidden = true; form.submit(); });
      xhr.send(file);
    });
  });
})();
`;

/** FNV-1a of the text, in hex: the script's URL changes with its content. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export const uploadScriptPath = `/operator/assets/upload-${fnv1a(uploadScript)}.js`;
