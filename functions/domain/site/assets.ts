/**
 * The showcase's only stylesheet, search script and icon, served under /assets/ with a content hash
 * in their names (cached a year). Sober, mobile first; colours are the form's palette and meet WCAG
 * AA contrast (text >= 4.5:1 on its background, focus ring >= 3:1).
 */

export const SITE_CSS = `
:root{--text:#1f2a2e;--muted:#4a585e;--bg:#fff;--soft:#f4f4f0;--line:#d6dadb;--accent:#0b5d4b;--accent-dark:#073f33;--accent-soft:#e6f2ee;--focus:#0a4fa3;--wrap:72rem;--measure:44rem;color-scheme:light}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:1.0625rem;line-height:1.6;color:var(--text);background:var(--bg);overflow-wrap:break-word}
a{color:var(--accent);text-decoration-thickness:1px;text-underline-offset:.15em}
a:hover{color:var(--accent-dark);text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
main:focus{outline:none}
img{display:block;max-width:100%;height:auto}
figure{margin:0}
h1,h2,h3{line-height:1.2;color:var(--text)}
h1{font-size:clamp(1.75rem,1.25rem + 2.2vw,2.625rem);margin:.75rem 0 .5rem}
h2{font-size:clamp(1.3rem,1.15rem + .7vw,1.625rem);margin:2.5rem 0 1rem}
h3{font-size:1.125rem;margin:0 0 .25rem}
p,ul,ol,dl{margin:0 0 1rem}
.wrap{max-width:var(--wrap);margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999rem;top:.5rem;z-index:10;padding:.75rem 1rem;background:#fff;color:var(--accent-dark);font-weight:700}
.skip:focus{left:.5rem}
.site-header{background:var(--accent);color:#fff}
.site-header a{color:#fff}
.brand{margin:0;padding:.875rem 0 .125rem;font-size:1.25rem;font-weight:800;line-height:1.2}
.brand a{text-decoration:none}
.brand a:hover{text-decoration:underline}
.tagline{margin:0;padding-bottom:.75rem;font-size:.875rem;line-height:1.4;color:#e6f2ee}
.site-nav{background:var(--accent-dark)}
.site-nav ul{list-style:none;margin:0;padding:.25rem 0;display:flex;flex-wrap:wrap;column-gap:1rem}
.site-nav a{display:block;padding:.5rem 0;font-size:.875rem;font-weight:600;text-decoration:none;line-height:1.3}
.site-nav a:hover,.site-nav a[aria-current=page]{text-decoration:underline;text-decoration-thickness:3px;text-underline-offset:.35em}
main{display:block;padding-top:1rem;padding-bottom:3rem}
.lead{font-size:1.125rem;max-width:var(--measure)}
.prose,.more,.narrow{max-width:var(--measure)}
.muted{color:var(--muted)}
.breadcrumb ol{list-style:none;padding:0;margin:.5rem 0 0;display:flex;flex-wrap:wrap;gap:.25rem .5rem;font-size:.9375rem}
.breadcrumb li+li::before{content:"\\203A";margin-right:.5rem;color:var(--muted)}
.breadcrumb [aria-current]{display:none;color:var(--muted)}
.button{display:inline-block;padding:.75rem 1.25rem;border-radius:6px;background:var(--accent);color:#fff;font-weight:700;text-decoration:none}
.button:hover{background:var(--accent-dark);color:#fff;text-decoration:underline}
.notice{margin:1.5rem 0;padding:1.25rem;border-left:6px solid var(--accent);background:var(--accent-soft);border-radius:0 8px 8px 0;max-width:var(--measure)}
.notice p:last-child{margin-bottom:0}
.axis-list,.cards,.region-links,.plain{list-style:none;padding:0}
.axis-list{display:grid;gap:1rem}
.axis-card{padding:1.25rem;border-top:5px solid var(--accent);border-radius:8px;background:var(--accent-soft)}
.axis-card p{margin:.5rem 0 0}
.cards{display:grid;gap:1.5rem;margin:0}
.card{position:relative;display:flex;flex-direction:column;overflow:hidden;border:1px solid var(--line);border-radius:8px;background:#fff}
.card:hover{border-color:var(--accent)}
.card:focus-within{outline:3px solid var(--focus);outline-offset:2px}
.card img{width:100%;aspect-ratio:3/2;object-fit:cover;background:var(--soft)}
.card-body{padding:1rem 1rem 1.125rem}
.card-title a{text-decoration:none}
.card-title a:hover{text-decoration:underline}
.card-title a:focus-visible{outline:none}
.card-title a::after{content:"";position:absolute;inset:0}
.card-meta{margin:.375rem 0 0;color:var(--muted);font-size:.9375rem}
.card-votes{margin:.375rem 0 0;font-weight:700}
.card-teaser{margin:.5rem 0 0;font-size:.9375rem}
.card-vote{position:relative;z-index:1;margin:.75rem 0 0}
.button--small{padding:.5rem 1rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.vote-banner{margin:1.5rem 0;padding:1rem 1.25rem;border-left:6px solid var(--accent);border-radius:6px;background:var(--accent-soft)}
.vote-banner p{margin:0 0 .375rem}.vote-banner p:last-child{margin:0}
.vote-jump{position:sticky;bottom:0;z-index:2;margin:1rem 0;padding:.5rem 0;background:var(--bg)}
.vote-jump .button{display:block;text-align:center}
.share-links{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;padding:0;list-style:none}
.button-link{padding:0;border:0;background:none;color:var(--accent);font:inherit;text-decoration:underline;cursor:pointer}
.zoom{display:block}
.az img{float:left;width:4rem;height:auto;aspect-ratio:3/2;object-fit:cover;margin:0 .75rem .25rem 0;border-radius:4px}
.az li::after{content:"";display:block;clear:both}
.laureates{list-style:none;padding:0;max-width:var(--measure)}.laureates li{margin:0 0 1rem}.laureates p{margin:0}
.prize{max-width:var(--measure);padding:.75rem 1rem;border-left:6px solid var(--accent);background:var(--accent-soft)}
.initiative>.kicker{margin-top:1.25rem}
.kicker{margin:0 0 .25rem;font-size:.8125rem;font-weight:700;letter-spacing:.04em;text-transform:uppercase;color:var(--accent)}
.credit{font-size:.8125rem;color:var(--muted)}
.card .credit{margin:.5rem 0 0}
.facts{display:grid;gap:.75rem 1.5rem;margin:1.25rem 0;padding:1rem 1.25rem;border-radius:8px;background:var(--soft)}
.facts dt{font-size:.8125rem;font-weight:700;letter-spacing:.04em;text-transform:uppercase;color:var(--muted)}
.facts dd{margin:0}
.cover{margin:1.5rem 0 2rem}
.cover img,.gallery img{width:100%;border-radius:8px}
figcaption{margin-top:.5rem;font-size:.9375rem;color:var(--muted)}
figcaption .credit{display:block}
.gallery{display:grid;gap:1.5rem;margin:0 0 1rem}
.more{margin-top:2rem;padding:1.25rem;border-radius:8px;background:var(--accent-soft)}
.more h2{margin-top:0}
.more p:last-child{margin-bottom:0}
.region-links{display:flex;flex-wrap:wrap;gap:.5rem}
.region-links a{display:inline-block;padding:.5rem .875rem;border:1px solid var(--accent);border-radius:999px;text-decoration:none;line-height:1.3}
.region-links a:hover{text-decoration:underline}
.region-links a[aria-current=page]{background:var(--accent);color:#fff}
.region-list{padding:0;list-style:none;columns:16rem 3;column-gap:2rem}
.region-list li{break-inside:avoid;padding:.375rem 0;border-bottom:1px solid var(--line)}
.steps{padding-left:1.25rem;max-width:var(--measure)}
.steps li,.prose li{margin-bottom:.5rem}
.search-form label{display:block;font-weight:700;margin-bottom:.375rem}
.search-row{display:flex;flex-wrap:wrap;gap:.5rem;max-width:var(--measure)}
.search-row input{flex:1 1 14rem;min-height:2.875rem;padding:.5rem .75rem;border:2px solid var(--muted);border-radius:6px;font:inherit}
.search-row button{min-height:2.875rem;border:0;cursor:pointer;font:inherit}
.az li{padding:.5rem 0;border-bottom:1px solid var(--line)}
.az .card-meta{display:block;margin:0}
.site-footer{margin-top:2rem;padding:2rem 0 2.5rem;border-top:1px solid var(--line);background:var(--soft);font-size:.9375rem}
.site-footer .wrap{display:grid;gap:1.5rem}
.site-footer address{font-style:normal}
.footer-title{margin:0;font-weight:800}
.footer-links ul{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}
.footer-links a{display:inline-block;padding:.25rem 0}
@media (min-width:40rem){.vote-jump{position:static;padding:0}.vote-jump .button{display:inline-block}.lead{font-size:1.1875rem}.brand{font-size:1.375rem}.breadcrumb [aria-current]{display:list-item}.cards,.gallery{grid-template-columns:repeat(2,minmax(0,1fr))}.facts{grid-template-columns:repeat(2,minmax(0,1fr))}.site-nav a{padding:.625rem 0;font-size:.9rem}.site-footer .wrap{grid-template-columns:2fr 1fr}}
@media (min-width:60rem){.cards{grid-template-columns:repeat(3,minmax(0,1fr))}.axis-list{grid-template-columns:repeat(3,minmax(0,1fr))}.initiative{display:grid;grid-template-columns:minmax(0,44rem) minmax(0,1fr);column-gap:3rem;align-items:start}.initiative>*{grid-column:1}.initiative>.facts{grid-column:2;grid-row:1/span 4;grid-template-columns:1fr;margin-top:1.25rem}}
@media print{.site-nav,.skip,.site-footer .footer-links{display:none}.site-header{background:none;color:var(--text)}.site-header a{color:var(--text)}}
`
  .trim()
  .replace(/\n/g, '');

/**
 * Client-side search over /search-index.json, progressive enhancement of the search page: without
 * JavaScript the page is a plain A-Z list of links and says that searching needs JavaScript; with
 * it, the form appears and filters that list in place (text only, never HTML from the index).
 */
export const SEARCH_JS = `
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var list = document.getElementById('search-list');
  var status = document.getElementById('search-status');
  var notice = document.getElementById('search-nojs');
  if (!form || !input || !list || !status) return;
  var fold = function (s) { return String(s).normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase(); };
  // Small typos: a query word of 4 letters or more also matches a word of the text (or its start, for a
  // word being typed) one edit away, two from 8 letters. Hand-written: this script ships without a
  // bundler, and a bounded edit distance over a few hundred words is a dozen lines.
  var within = function (a, b, max) {
    if (Math.abs(a.length - b.length) > max) return false;
    var prev = [];
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      var row = [i], best = i;
      for (var k = 1; k <= b.length; k++) {
        row[k] = Math.min(prev[k] + 1, row[k - 1] + 1, prev[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1));
        if (row[k] < best) best = row[k];
      }
      if (best > max) return false;
      prev = row;
    }
    return prev[b.length] <= max;
  };
  var nearWord = function (word, text) {
    if (word.length < 4) return false;
    var max = word.length >= 8 ? 2 : 1;
    return text.split(/[^a-z0-9]+/).some(function (t) {
      return within(word, t, max) || (t.length > word.length && within(word, t.slice(0, word.length), max));
    });
  };
  fetch(form.getAttribute('data-index'), { credentials: 'same-origin' })
    .then(function (res) { if (!res.ok) throw new Error('index ' + res.status); return res.json(); })
    .then(function (index) {
      var texts = {};
      index.items.forEach(function (item) {
        texts[item.url] = fold([item.title, item.lead, item.company, item.place, item.region, item.axis].join(' '));
      });
      var items = Array.prototype.slice.call(list.querySelectorAll('li'));
      var heading = document.getElementById('search-heading');
      var allTitle = heading ? heading.textContent : '';
      var timer;
      var apply = function () {
        var query = input.value.trim();
        var words = fold(query).split(/\\s+/).filter(Boolean);
        var shown = 0;
        items.forEach(function (li) {
          var link = li.querySelector('a');
          var text = (link && texts[link.getAttribute('href')]) || '';
          var match = words.every(function (w) { return text.indexOf(w) !== -1 || nearWord(w, text); });
          li.hidden = !match;
          if (match) shown += 1;
        });
        if (heading) heading.textContent = words.length ? 'Résultats pour « ' + query + ' »' : allTitle;
        status.textContent = !words.length ? '' : shown === 0
          ? 'Aucune initiative ne correspond à « ' + query + ' ».'
          : shown === 1 ? '1 initiative correspond à « ' + query + ' ».'
          : shown + ' initiatives correspondent à « ' + query + ' ».';
        var url = new URL(window.location.href);
        if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
        window.history.replaceState(null, '', url);
      };
      form.addEventListener('submit', function (event) { event.preventDefault(); apply(); });
      input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 150); });
      var initial = new URLSearchParams(window.location.search).get('q');
      if (initial) { input.value = initial; apply(); }
      form.hidden = false;
      if (notice) notice.hidden = true;
    })
    .catch(function () {
      if (notice) notice.textContent = 'La recherche est momentanément indisponible. Parcourez la liste ci-dessous, ou les pages par axe et par région.';
    });
})();
`.trim();

/**
 * The showcase pages' small script, progressive enhancement only: « Copier le lien » buttons (hidden
 * without JavaScript; the share links beside them work without it) and the vote banner's countdown
 * (the banner states the closing date without it). Its French follows french.ts by hand (’, « plus
 * qu’un », NBSP before « ! »): it runs in the browser, on text the page did not contain.
 */
export const SITE_JS = `
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('button[data-copy]'), function (button) {
    var status = document.getElementById(button.getAttribute('aria-controls'));
    button.hidden = false;
    button.addEventListener('click', function () {
      var url = button.getAttribute('data-copy');
      var done = function () { if (status) status.textContent = 'Lien copié\u00a0: vous pouvez le coller où vous voulez.'; };
      var manual = function () { if (status) status.textContent = 'Copiez ce lien\u00a0: ' + url; };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(url).then(done, manual);
      else manual();
    });
  });
  var countdown = document.querySelector('[data-closes]');
  if (countdown) {
    var closes = Date.parse(countdown.getAttribute('data-closes'));
    var left = closes - Date.now();
    var hours = Math.ceil(left / 3600000);
    var days = Math.ceil(left / 86400000);
    if (left <= 0) {
      var banner = countdown.closest('.vote-banner');
      if (banner) banner.textContent = 'Le vote du public est clos\u00a0: les résultats seront bientôt en ligne.';
    } else if (hours <= 24) countdown.textContent = hours === 1 ? 'Plus qu\u2019une heure\u00a0!' : 'Plus que ' + hours + ' heures\u00a0!';
    else countdown.textContent = 'Plus que ' + days + ' jours\u00a0!';
  }
})();
`.trim();

export const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b5d4b"/><path d="M7 24c1-9 7-15 18-16-1 10-7 16-16 16z" fill="#e6f2ee"/><path d="M9 24c3-5 7-8 11-10" stroke="#0b5d4b" stroke-width="1.6" fill="none"/></svg>';
