import Handlebars from 'handlebars';
import { typesetTemplate } from '../french.ts';

/**
 * The showcase's Handlebars templates: one layout and one template per kind of page. Every value is
 * inserted with `{{…}}`, which escapes it; the only `{{{…}}}` is the layout's `content`, the output
 * of a page template (itself escaped). No inline script or style: the CSP is `script-src 'self';
 * style-src 'self'`. Their French text is typeset (french.ts: ’, non-breaking spaces) when compiled;
 * the values they receive are typeset by whoever wrote them (copy.ts) or inserted as typed.
 */

const hb = Handlebars.create();

const LAYOUT = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{head.title}}</title>
<meta name="description" content="{{head.description}}">
{{#if head.canonical}}<link rel="canonical" href="{{head.canonical}}">
{{/if}}<link rel="stylesheet" href="{{assets.css}}">
<link rel="icon" href="{{assets.icon}}" type="image/svg+xml">
{{#if head.noindex}}<meta name="robots" content="noindex">
{{/if}}
<meta property="og:type" content="{{head.ogType}}">
<meta property="og:site_name" content="{{siteName}}">
<meta property="og:locale" content="fr_FR">
<meta property="og:title" content="{{head.ogTitle}}">
<meta property="og:description" content="{{head.description}}">
{{#if head.canonical}}<meta property="og:url" content="{{head.canonical}}">
{{/if}}{{#with head.image}}
<meta property="og:image" content="{{url}}">
<meta property="og:image:width" content="{{width}}">
<meta property="og:image:height" content="{{height}}">
<meta property="og:image:alt" content="{{alt}}">
<meta name="twitter:card" content="summary_large_image">
{{else}}
<meta name="twitter:card" content="summary">
{{/with}}
{{#each scripts}}<script src="{{this}}" defer></script>
{{/each}}
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header class="site-header">
<div class="wrap">
<p class="brand"><a href="/">{{siteName}}</a></p>
<p class="tagline">Les initiatives des entreprises du réseau {{federation.name}}</p>
</div>
{{#if nav.length}}
<nav class="site-nav" aria-label="Navigation principale">
<div class="wrap">
<ul>
{{#each nav}}<li><a href="{{href}}"{{#if current}} aria-current="page"{{/if}}>{{label}}</a></li>
{{/each}}
</ul>
</div>
</nav>
{{/if}}
</header>
<main id="contenu" class="wrap" tabindex="-1">
{{{content}}}
</main>
<footer class="site-footer">
<div class="wrap">
<div>
<p class="footer-title">{{federation.name}}</p>
<p>{{federation.description}}</p>
<address>
{{federation.street}}<br>
{{federation.postalCode}} {{federation.city}}<br>
Téléphone : <a href="{{federation.phoneUri}}">{{federation.phone}}</a><br>
Courriel : <a href="mailto:{{federation.email}}">{{federation.email}}</a><br>
<a href="{{federation.website}}">{{federation.websiteLabel}}</a>
</address>
</div>
<nav class="footer-links" aria-label="Informations du site">
<ul>
<li><a href="/mentions-legales/">Mentions légales</a></li>
<li><a href="/donnees-personnelles/">Données personnelles</a></li>
{{#if launched}}<li><a href="/recherche/">Toutes les initiatives</a></li>
{{/if}}{{#if editions.length}}<li>Éditions précédentes : {{#each editions}}<a href="{{url}}">{{year}}</a>{{#unless @last}}, {{/unless}}{{/each}}</li>
{{/if}}
</ul>
</nav>
</div>
</footer>
</body>
</html>
`;

hb.registerPartial(
  'picture',
  typesetTemplate(`<picture>
{{#if webp}}<source type="image/webp" srcset="{{webp}}" sizes="{{sizes}}">
{{/if}}<img src="{{src}}" srcset="{{srcset}}" sizes="{{sizes}}" width="{{width}}" height="{{height}}" alt="{{alt}}"{{#if lazy}} loading="lazy" decoding="async"{{else}} fetchpriority="high"{{/if}}>
</picture>`),
);

hb.registerPartial(
  'cards',
  typesetTemplate(`<ul class="cards">
{{#each this}}
<li class="card">
{{#if picture}}{{> picture picture}}
{{/if}}
<div class="card-body">
{{#if axisLabel}}<p class="kicker">{{axisLabel}}</p>
{{/if}}
<h3 class="card-title"><a href="{{href}}">{{title}}</a></h3>
<p class="card-meta">{{company}} · {{place}}</p>
{{#if teaser}}<p class="card-teaser">{{teaser}}</p>
{{/if}}{{#if votesLabel}}<p class="card-votes">{{votesLabel}}</p>
{{/if}}{{#if voteHref}}<p class="card-vote"><a class="button button--small" href="{{voteHref}}">Voter<span class="visually-hidden"> pour « {{title}} »</span></a></p>
{{/if}}{{#if credit}}<p class="credit">Photo © {{credit}}</p>
{{/if}}
</div>
</li>
{{/each}}
</ul>`),
);

// While the public vote is open (home and axis pages): the closing date in the page, the countdown
// added by the site script.
hb.registerPartial(
  'voteBanner',
  typesetTemplate(`<aside class="vote-banner" aria-labelledby="vote-banner-titre">
<p><strong id="vote-banner-titre">Le vote du public est ouvert</strong> jusqu'au {{closesLabel}}. <span data-closes="{{closesAt}}"></span></p>
<p>{{howTo}}</p>
</aside>`),
);

// A picture that opens its largest variant (a plain link: no script, works everywhere).
hb.registerPartial(
  'zoomable',
  typesetTemplate(
    `{{#if zoom}}<a class="zoom" href="{{zoom}}">{{> picture picture}}</a>{{else}}{{> picture picture}}{{/if}}`,
  ),
);

hb.registerPartial(
  'breadcrumb',
  typesetTemplate(`<nav class="breadcrumb" aria-label="Fil d’Ariane">
<ol>
{{#each this}}{{#if href}}<li><a href="{{href}}">{{label}}</a></li>
{{else}}<li aria-current="page">{{label}}</li>
{{/if}}{{/each}}
</ol>
</nav>`),
);

const HOME = `<h1>{{title}}</h1>
<p class="lead">{{intro}}</p>
{{#if voteBanner}}{{> voteBanner voteBanner}}
{{/if}}<p>{{countLabel}} · <a href="/recherche/">Rechercher une initiative</a> · <a href="/regions/">Parcourir par région</a></p>
{{#if laureates}}
<section aria-labelledby="laureats-titre">
<h2 id="laureats-titre">{{laureates.title}}</h2>
<ul class="laureates">
{{#each laureates.axes}}<li><p class="kicker">{{label}}</p>
<p>{{#each winners}}<a href="{{href}}">{{title}}</a>{{#if votesLabel}} ({{votesLabel}}){{/if}}{{#unless @last}}, {{/unless}}{{else}}{{emptyLabel}}{{/each}}{{#if tied}} (ex aequo){{/if}}</p></li>
{{/each}}
</ul>
<p><a href="/resultats/">Tous les résultats du vote</a></p>
</section>
{{/if}}
<section aria-labelledby="axes-titre">
<h2 id="axes-titre">Les trois axes de l'appel</h2>
<ul class="axis-list">
{{#each axes}}
<li class="axis-card">
<h3><a href="{{href}}">{{label}}</a></h3>
<p>{{description}}</p>
<p><strong>{{countLabel}}</strong></p>
</li>
{{/each}}
</ul>
</section>
{{#if featured.length}}
<section aria-labelledby="une-titre">
<h2 id="une-titre">À découvrir</h2>
{{> cards featured}}
</section>
{{/if}}
{{#if regions.length}}
<section aria-labelledby="regions-titre">
<h2 id="regions-titre">Les initiatives près de chez vous</h2>
<ul class="region-links">
{{#each regions}}<li><a href="{{href}}">{{name}} ({{count}})</a></li>
{{/each}}
</ul>
</section>
{{/if}}
<section aria-labelledby="appel-titre">
<h2 id="appel-titre">L'appel à initiatives</h2>
<div class="prose">
{{#each about}}<p>{{this}}</p>
{{/each}}
</div>
</section>
`;

const AXIS = `{{> breadcrumb breadcrumb}}
<h1>{{label}}</h1>
<p class="lead">{{description}}</p>
{{#if voteBanner}}{{> voteBanner voteBanner}}
{{/if}}<p>{{countLabel}}</p>
{{#if regions.length}}
<nav aria-labelledby="filtre-titre">
<h2 id="filtre-titre">Filtrer par région</h2>
<ul class="region-links">
{{#each regions}}<li><a href="{{href}}">{{name}} ({{count}})</a></li>
{{/each}}
</ul>
</nav>
{{/if}}
<section aria-labelledby="liste-titre">
<h2 id="liste-titre">Les initiatives</h2>
{{#if cards.length}}{{> cards cards}}{{else}}<p>Aucune initiative n'est encore publiée pour cet axe.</p>{{/if}}
</section>
`;

const INITIATIVE = `{{> breadcrumb breadcrumb}}
<article class="initiative">
<p class="kicker">{{#if axis.href}}<a href="{{axis.href}}">{{axis.label}}</a>{{else}}{{axis.label}}{{/if}}</p>
<h1>{{title}}</h1>
<p class="lead">{{lead}}</p>
{{#if vote}}<p class="vote-jump"><a class="button" href="#vote">Voter pour cette initiative</a></p>
{{/if}}<dl class="facts">
<div><dt>Entreprise</dt><dd>{{company}}</dd></div>
<div><dt>Lieu</dt><dd>{{place}}</dd></div>
<div><dt>Région</dt><dd><a href="{{region.href}}">{{region.name}}</a></dd></div>
{{#if website}}<div><dt>Site web</dt><dd><a href="{{website.href}}">{{website.label}}</a></dd></div>
{{/if}}
</dl>
{{#with cover}}
<figure class="cover">
{{> zoomable this}}
{{#if caption}}<figcaption>{{caption}}{{#if credit}} <span class="credit">© {{credit}}</span>{{/if}}</figcaption>
{{else if credit}}<figcaption><span class="credit">© {{credit}}</span></figcaption>
{{/if}}
</figure>
{{/with}}
<div class="prose">
{{#each body}}<p>{{this}}</p>
{{/each}}
</div>
{{#if gallery.length}}
<section aria-labelledby="images-titre">
<h2 id="images-titre">En images</h2>
<div class="gallery">
{{#each gallery}}
<figure>
{{> zoomable this}}
{{#if caption}}<figcaption>{{caption}}{{#if credit}} <span class="credit">© {{credit}}</span>{{/if}}</figcaption>
{{else if credit}}<figcaption><span class="credit">© {{credit}}</span></figcaption>
{{/if}}
</figure>
{{/each}}
</div>
</section>
{{/if}}
{{#if moreInfo.length}}
<section class="more" aria-labelledby="plus-titre">
<h2 id="plus-titre">En savoir plus</h2>
{{#each moreInfo}}<p>{{this}}</p>
{{/each}}
</section>
{{/if}}
{{#if links.length}}
<section aria-labelledby="liens-titre">
<h2 id="liens-titre">Pour aller plus loin</h2>
<ul>
{{#each links}}<li><a href="{{href}}">{{label}}</a></li>
{{/each}}
</ul>
</section>
{{/if}}
{{#with voteClosed}}
<section aria-labelledby="vote-titre">
<h2 id="vote-titre">Vote du public</h2>
<p>{{#if laureate}}Le vote est clos : le public a choisi cette initiative, lauréate de son axe.{{else}}Le vote est clos.{{/if}} <a href="/resultats/">Voir les résultats du vote</a></p>
</section>
{{/with}}
<section class="share" aria-labelledby="partage-titre">
<h2 id="partage-titre">Faire connaître cette initiative</h2>
<ul class="share-links">
{{#each share.links}}<li><a href="{{href}}">{{label}}</a></li>
{{/each}}
<li><button type="button" class="button-link" data-copy="{{share.url}}" aria-controls="partage-statut" hidden>Copier le lien</button></li>
</ul>
<p id="partage-statut" role="status"></p>
</section>
{{#if vote}}
{{!-- The public vote (issue #7): frontend/vote/widget.ts fills this block; the API takes JSON, hence the noscript. --}}
<section id="vote" class="vote" aria-labelledby="vote-titre" data-campaign="{{vote.campaignId}}" data-initiative="{{vote.initiativeId}}">
<h2 id="vote-titre">Je vote pour cette initiative</h2>
<p>Elle vous inspire ? Soutenez-la : les initiatives les plus inspirantes, choisies par les internautes, seront mises à l'honneur.</p>
<noscript><p>Le vote nécessite JavaScript, désactivé ou indisponible dans votre navigateur : activez-le pour voter.</p></noscript>
</section>
{{/if}}
</article>
<p><a href="{{axis.href}}">Toutes les initiatives de l'axe « {{axis.label}} »</a><br>
<a href="{{region.href}}">Toutes les initiatives en région {{region.name}}</a></p>
`;

const REGIONS = `{{> breadcrumb breadcrumb}}
<h1>Les initiatives par région</h1>
<p class="lead">Choisissez une région pour voir ses initiatives, classées par axe.</p>
<ul class="region-list">
{{#each regions}}<li>{{#if count}}<a href="{{href}}">{{name}}</a> <span class="muted">({{countLabel}})</span>{{else}}{{name}} <span class="muted">(aucune pour l'instant)</span>{{/if}}</li>
{{/each}}
</ul>
`;

const REGION = `{{> breadcrumb breadcrumb}}
<h1>{{name}}</h1>
<p class="lead">{{countLabel}} dans cette région.</p>
<nav aria-labelledby="autres-titre">
<h2 id="autres-titre" class="kicker">Changer de région</h2>
<ul class="region-links">
{{#each others}}<li><a href="{{href}}"{{#if current}} aria-current="page"{{/if}}>{{name}}</a></li>
{{/each}}
</ul>
</nav>
{{#each axes}}
<section id="axe-{{id}}" aria-labelledby="axe-{{id}}-titre">
<h2 id="axe-{{id}}-titre">{{label}}</h2>
{{#if cards.length}}{{> cards cards}}{{else}}<p class="muted">Pas encore d'initiative de cet axe dans la région.</p>{{/if}}
</section>
{{/each}}
`;

const SEARCH = `{{> breadcrumb breadcrumb}}
<h1>Rechercher une initiative</h1>
<p id="search-nojs" class="notice">La recherche a besoin de JavaScript, désactivé ou indisponible dans votre navigateur. Toutes les initiatives restent accessibles : la liste ci-dessous les présente de A à Z, et les pages par axe et par région les classent.</p>
<form id="search-form" class="search-form" role="search" action="/recherche/" method="get" data-index="{{indexUrl}}" hidden>
<label for="search-q">Un mot, une ville, une entreprise…</label>
<div class="search-row">
<input id="search-q" name="q" type="search" autocomplete="off">
<button class="button" type="submit">Rechercher</button>
</div>
</form>
<p id="search-status" role="status"></p>
<h2 id="search-heading">Toutes les initiatives, de A à Z</h2>
<ul id="search-list" class="plain az">
{{#each items}}<li>{{#with thumbnail}}<img src="{{src}}" width="{{width}}" height="{{height}}" alt="" loading="lazy" decoding="async">{{/with}}<a href="{{href}}">{{title}}</a> <span class="card-meta">{{company}} · {{place}} · {{axisLabel}}</span></li>
{{/each}}
</ul>
`;

const RESULTS = `{{> breadcrumb breadcrumb}}
<h1>{{title}}</h1>
<p class="lead">{{lead}}</p>
<p>{{#if totalLabel}}{{totalLabel}} {{/if}}{{frozenLabel}}</p>
{{#each axes}}
<section aria-labelledby="resultat-{{id}}-titre">
<h2 id="resultat-{{id}}-titre">{{label}}</h2>
{{#if prize}}<p class="prize"><strong>Le prix :</strong> {{prize}}</p>
{{/if}}
{{#if winners.length}}
{{#if tied}}<p>Ex aequo : ces initiatives ont reçu le même nombre de votes.</p>
{{/if}}
{{> cards winners}}
{{else}}<p class="muted">{{emptyLabel}}</p>
{{/if}}
</section>
{{/each}}
`;

const HOLDING = `<h1>{{title}}</h1>
<p class="lead">{{intro}}</p>
<div class="notice">
{{#each status}}<p>{{this}}</p>
{{/each}}
{{#if formUrl}}<p><a class="button" href="{{formUrl}}">Présenter une initiative</a></p>
{{/if}}
</div>
{{#if axes.length}}
<section aria-labelledby="axes-titre">
<h2 id="axes-titre">Trois axes pour présenter votre initiative</h2>
<ul class="axis-list">
{{#each axes}}
<li class="axis-card">
<h3>{{label}}</h3>
<p>{{description}}</p>
</li>
{{/each}}
</ul>
</section>
{{/if}}
{{#if who.length}}
<section aria-labelledby="qui-titre">
<h2 id="qui-titre">Qui peut répondre ?</h2>
<ul class="narrow">
{{#each who}}<li>{{this}}</li>
{{/each}}
</ul>
</section>
{{/if}}
{{#if steps.length}}
<section aria-labelledby="calendrier-titre">
<h2 id="calendrier-titre">Le calendrier</h2>
<ol class="steps">
{{#each steps}}<li><strong>{{when}}</strong> : {{what}}</li>
{{/each}}
</ol>
</section>
{{/if}}
`;

const TEXT_PAGE = `{{> breadcrumb breadcrumb}}
<h1>{{title}}</h1>
<div class="prose">
{{#each sections}}
{{#if heading}}<h2>{{heading}}</h2>
{{/if}}
{{#each paragraphs}}<p>{{this}}</p>
{{/each}}
{{#if list.length}}<ul>
{{#each list}}<li>{{this}}</li>
{{/each}}
</ul>
{{/if}}
{{#if links.length}}<ul>
{{#each links}}<li><a href="{{href}}">{{label}}</a></li>
{{/each}}
</ul>
{{/if}}
{{/each}}
</div>
`;

const NOT_FOUND = `<h1>Page introuvable</h1>
<p class="lead">L'adresse demandée n'existe pas, ou plus. Si vous l'avez copiée, vérifiez qu'elle est complète.</p>
<ul>
<li><a href="/">Revenir à l'accueil</a></li>
{{#if launched}}<li><a href="/recherche/">Voir toutes les initiatives</a></li>
{{/if}}
</ul>
`;

const compile = (source: string) => hb.compile(typesetTemplate(source), { strict: false, preventIndent: true });

export const templates = {
  layout: compile(LAYOUT),
  home: compile(HOME),
  axis: compile(AXIS),
  initiative: compile(INITIATIVE),
  regions: compile(REGIONS),
  region: compile(REGION),
  search: compile(SEARCH),
  results: compile(RESULTS),
  holding: compile(HOLDING),
  text: compile(TEXT_PAGE),
  notFound: compile(NOT_FOUND),
};
