/**
 * A deterministic generator of news-like articles for benchmarks (related articles, search,
 * HTTP, import). Articles are assembled from word and phrase banks organised by category and
 * tag, with recurring people, organisations and places that change over time, so that stories
 * on the same tag and period are genuinely related. Streaming and seeded: the same
 * (count, seed) always yields the same articles, in publication order.
 */

/** One generated article; plain data that other benchmarks map onto their own shapes. */
export interface GeneratedArticle {
  /** 1-based, in publication order. */
  id: number;
  slug: string;
  headline: string;
  dek: string;
  paragraphs: string[];
  category: string;
  tags: string[];
  authors: string[];
  /** ISO 8601, UTC. */
  publishedAt: string;
  language: 'en';
}

interface TagBank {
  tag: string;
  /** Nouns and noun phrases the stories on this tag talk about. */
  topics: string[];
  /** Organisations that keep recurring in this tag's stories. */
  organisations: string[];
}

interface CategoryBank {
  category: string;
  /** Verbs in the present tense, third person ("cuts"), for headlines. */
  verbs: string[];
  /** The same verbs in the past tense ("cut"), for body text. */
  pastVerbs: string[];
  roles: string[];
  tags: TagBank[];
}

function tag(name: string, topics: string, organisations: string): TagBank {
  return { tag: name, topics: topics.split(', '), organisations: organisations.split(', ') };
}

const CATEGORIES: CategoryBank[] = [
  {
    category: 'Politics',
    verbs: ['backs', 'rejects', 'delays', 'unveils', 'defends', 'scraps', 'pushes', 'blocks'],
    pastVerbs: ['backed', 'rejected', 'delayed', 'unveiled', 'defended', 'scrapped', 'pushed', 'blocked'],
    roles: ['minister', 'spokesperson', 'opposition leader', 'senior adviser', 'party chair'],
    tags: [
      tag(
        'elections',
        'ballot, voters, turnout, candidate, campaign, polling station, constituency, recount, manifesto, swing seat',
        'Electoral Commission, Reform Alliance, Labour Union Party, Civic Front',
      ),
      tag(
        'parliament',
        'bill, amendment, vote, committee, debate, motion, backbenchers, coalition, speaker, legislation',
        'House of Representatives, Senate Budget Committee, Upper Chamber, Justice Committee',
      ),
      tag(
        'budget',
        'spending plan, deficit, tax cut, borrowing, public finances, fiscal rule, welfare bill, treasury forecast',
        'Treasury, Office for Budget Responsibility, Finance Ministry, Audit Office',
      ),
      tag(
        'immigration',
        'asylum claims, border checks, visa rules, migrants, deportation flights, residency permits, quota, detention centre',
        'Home Office, Border Force, Refugee Council, Migration Advisory Panel',
      ),
      tag(
        'local-government',
        'council tax, town hall, mayoral race, bin collections, planning permission, local services, housing targets',
        'City Council, Local Government Association, Metro Mayors Network',
      ),
      tag(
        'defence',
        'armed forces, defence spending, warships, military aid, fighter jets, recruitment, procurement, drills',
        'Ministry of Defence, Joint Chiefs, Northgate Aerospace, Defence Review Board',
      ),
      tag(
        'courts',
        'ruling, judicial review, appeal, supreme court, judges, injunction, legal challenge, verdict',
        'Supreme Court, Court of Appeal, Bar Council, Law Society',
      ),
      tag(
        'policing',
        'police funding, crime figures, officers, stop and search, knife crime, inspectorate, custody',
        'Metropolitan Police, Police Federation, Crime Commission',
      ),
    ],
  },
  {
    category: 'Business',
    verbs: ['cuts', 'raises', 'buys', 'sells', 'posts', 'warns on', 'expands', 'trims'],
    pastVerbs: ['cut', 'raised', 'bought', 'sold', 'posted', 'warned on', 'expanded', 'trimmed'],
    roles: ['chief executive', 'chief financial officer', 'analyst', 'chairman', 'fund manager'],
    tags: [
      tag(
        'earnings',
        'quarterly profit, revenue, operating margin, guidance, dividend, earnings per share, net income, sales growth',
        'Harlow Group, Meridian Holdings, Castlegate Retail, Brightwater Foods',
      ),
      tag(
        'mergers',
        'takeover bid, merger, acquisition, stake, offer price, shareholders, due diligence, hostile bid, buyout',
        'Alder Capital, Pinecrest Partners, Vantage Equity, Halcyon Industries',
      ),
      tag(
        'markets',
        'shares, stock index, bond yields, investors, sell-off, rally, trading volume, volatility',
        'Stock Exchange, Bourse Authority, Northbridge Securities, Atlas Asset Management',
      ),
      tag(
        'interest-rates',
        'interest rates, inflation target, central bank, rate rise, monetary policy, mortgage rates, base rate',
        'Central Bank, Monetary Policy Committee, Federal Reserve, Banking Council',
      ),
      tag(
        'retail',
        'high street, footfall, shoppers, discount chains, store closures, online sales, Christmas trading',
        'Castlegate Retail, Marlow Stores, British Retail Forum, Oakfield Supermarkets',
      ),
      tag(
        'energy-prices',
        'oil prices, gas prices, energy bills, price cap, refinery, crude output, barrels, pipeline',
        'Northwind Energy, Petrolia, Energy Regulator, Opec',
      ),
      tag(
        'jobs',
        'unemployment, job vacancies, wages, strikes, pay deal, layoffs, hiring freeze, labour market',
        'Trades Union Congress, Statistics Office, Employers Federation',
      ),
      tag(
        'housing-market',
        'house prices, mortgage approvals, first-time buyers, rents, property market, landlords, new homes',
        'Halford Building Society, Land Registry, Homebuilders Federation',
      ),
    ],
  },
  {
    category: 'World',
    verbs: ['condemns', 'signs', 'threatens', 'agrees', 'evacuates', 'recalls', 'sanctions', 'hosts'],
    pastVerbs: [
      'condemned',
      'signed',
      'threatened',
      'agreed',
      'evacuated',
      'recalled',
      'sanctioned',
      'hosted',
    ],
    roles: ['foreign minister', 'ambassador', 'envoy', 'president', 'aid worker'],
    tags: [
      tag(
        'diplomacy',
        'summit, talks, treaty, ambassadors, ceasefire, peace deal, envoy, communique',
        'United Nations, Foreign Office, State Department, European Council',
      ),
      tag(
        'conflict',
        'shelling, troops, front line, civilians, airstrikes, refugees, humanitarian corridor, offensive',
        'Red Cross, United Nations, Defence Ministry, Border Guard',
      ),
      tag(
        'trade-deals',
        'tariffs, trade agreement, exports, customs union, quotas, import duties, supply chains',
        'World Trade Organization, Trade Ministry, Chamber of Commerce',
      ),
      tag(
        'sanctions',
        'asset freeze, sanctions package, export ban, oligarchs, frozen reserves, embargo',
        'Treasury, European Commission, Foreign Office',
      ),
      tag(
        'natural-disasters',
        'earthquake, flooding, evacuation, rescue teams, aftershocks, death toll, relief supplies',
        'Red Crescent, Disaster Management Agency, World Food Programme',
      ),
      tag(
        'migration-crisis',
        'boat crossings, coastguard, reception centres, asylum seekers, smugglers, resettlement',
        'UNHCR, Coastguard Agency, Interior Ministry',
      ),
      tag(
        'elections-abroad',
        'presidential vote, exit polls, opposition candidate, observers, runoff, electoral fraud',
        'Election Observation Mission, Constitutional Court, Interior Ministry',
      ),
    ],
  },
  {
    category: 'Technology',
    verbs: ['launches', 'fines', 'hacks', 'patches', 'bans', 'releases', 'tests', 'acquires'],
    pastVerbs: ['launched', 'fined', 'hacked', 'patched', 'banned', 'released', 'tested', 'acquired'],
    roles: ['chief technology officer', 'security researcher', 'founder', 'product manager', 'regulator'],
    tags: [
      tag(
        'artificial-intelligence',
        'language models, chatbots, machine learning, training data, algorithms, automation, chips',
        'Nimbus Labs, Cortex AI, Data Ethics Council, Helix Computing',
      ),
      tag(
        'cybersecurity',
        'ransomware, data breach, hackers, phishing, passwords, vulnerability, encryption, malware',
        'National Cyber Centre, Sentinel Security, Ironclad Systems',
      ),
      tag(
        'smartphones',
        'handsets, app store, battery life, operating system, screens, cameras, chipsets',
        'Orchard Devices, Lumen Mobile, Vertex Telecom',
      ),
      tag(
        'social-media',
        'platforms, content moderation, influencers, algorithms, misinformation, followers, advertisers',
        'Chirp, FaceSpace, Online Safety Regulator',
      ),
      tag(
        'startups',
        'venture capital, funding round, valuation, founders, seed investment, incubator, unicorn',
        'Seedling Ventures, Launchpad Fund, Tech Nation',
      ),
      tag(
        'telecoms',
        'broadband, fibre, 5G masts, mobile networks, spectrum auction, roaming charges',
        'Vertex Telecom, Skyline Networks, Communications Regulator',
      ),
      tag(
        'space-industry',
        'satellites, rocket launch, orbit, launch pad, space station, payload, spaceport',
        'Orbital Dynamics, Space Agency, Stellar Launch Systems',
      ),
    ],
  },
  {
    category: 'Science',
    verbs: ['discovers', 'maps', 'detects', 'warns of', 'confirms', 'measures', 'revives', 'tracks'],
    pastVerbs: [
      'discovered',
      'mapped',
      'detected',
      'warned of',
      'confirmed',
      'measured',
      'revived',
      'tracked',
    ],
    roles: ['professor', 'lead author', 'researcher', 'climate scientist', 'curator'],
    tags: [
      tag(
        'climate',
        'emissions, global warming, heatwaves, carbon dioxide, sea levels, net zero, ice sheets, drought',
        'Met Office, Climate Research Unit, Intergovernmental Panel on Climate Change',
      ),
      tag(
        'astronomy',
        'telescope, exoplanet, galaxy, black hole, asteroid, comet, observatory, light years',
        'Royal Observatory, Deep Sky Institute, European Southern Observatory',
      ),
      tag(
        'biology',
        'genes, species, cells, evolution, fossils, proteins, genome, bacteria',
        'Natural History Museum, Wellcome Institute, Genome Centre',
      ),
      tag(
        'oceans',
        'coral reefs, marine life, plastic pollution, fishing quotas, deep sea, whales, currents',
        'Marine Conservation Society, Oceanographic Institute',
      ),
      tag(
        'physics',
        'particles, collider, quantum computing, neutrinos, lasers, superconductors, fusion reactor',
        'Cern, Institute of Physics, Fusion Energy Lab',
      ),
      tag(
        'wildlife',
        'endangered species, habitats, rewilding, poaching, bird populations, conservation, pollinators',
        'Wildlife Trust, Zoological Society, Birdlife International',
      ),
      tag(
        'archaeology',
        'excavation, burial site, artefacts, ancient city, skeletons, carbon dating, hoard',
        'British Museum, Heritage Trust, Institute of Archaeology',
      ),
    ],
  },
  {
    category: 'Health',
    verbs: ['approves', 'warns', 'trials', 'expands', 'cuts', 'recalls', 'funds', 'reviews'],
    pastVerbs: ['approved', 'warned', 'trialled', 'expanded', 'cut', 'recalled', 'funded', 'reviewed'],
    roles: ['chief medical officer', 'consultant', 'nurse', 'health secretary', 'epidemiologist'],
    tags: [
      tag(
        'hospitals',
        'waiting lists, emergency departments, beds, ambulances, surgeries, staffing, winter pressures',
        'National Health Service, Royal College of Nursing, Hospital Trust',
      ),
      tag(
        'vaccines',
        'vaccination rates, booster jabs, immunisation, antibodies, vaccine trial, side effects',
        'Vaccine Taskforce, Medicines Regulator, Health Security Agency',
      ),
      tag(
        'mental-health',
        'anxiety, depression, therapy, counselling, waiting times, wellbeing, loneliness',
        'Mind, Mental Health Foundation, Samaritans',
      ),
      tag(
        'drugs',
        'medicines, drug prices, prescriptions, clinical trials, generic drugs, shortages, pharmacies',
        'Medicines Regulator, Pharma Alliance, Halden Pharmaceuticals',
      ),
      tag(
        'public-health',
        'obesity, smoking, alcohol, sugar tax, air pollution, life expectancy, screening',
        'Public Health Agency, World Health Organization, Cancer Research Fund',
      ),
      tag(
        'outbreaks',
        'infections, virus, cases, contact tracing, isolation, variant, quarantine, hospitalisations',
        'Health Security Agency, World Health Organization, Disease Control Centre',
      ),
      tag(
        'care-homes',
        'social care, care workers, residents, elderly, dementia, funding gap, care costs',
        'Care Quality Commission, Age Concern, Care Providers Alliance',
      ),
    ],
  },
  {
    category: 'Sport',
    verbs: ['beats', 'signs', 'sacks', 'wins', 'draws with', 'appoints', 'suspends', 'stuns'],
    pastVerbs: ['beat', 'signed', 'sacked', 'won', 'drew with', 'appointed', 'suspended', 'stunned'],
    roles: ['manager', 'captain', 'head coach', 'striker', 'chairman'],
    tags: [
      tag(
        'football',
        'league table, goals, transfer window, penalty, relegation, midfielder, stoppage time, derby',
        'Rovers FC, Athletic Club, Football Association, Premier League',
      ),
      tag(
        'cricket',
        'wickets, test match, batting order, innings, spinners, run chase, series',
        'County Cricket Board, International Cricket Council, Test Selectors',
      ),
      tag(
        'tennis',
        'grand slam, seeds, tie-break, serve, quarter-final, clay court, rankings',
        'Lawn Tennis Association, Tennis Integrity Unit, Open Championships',
      ),
      tag(
        'rugby',
        'scrum, tries, lineout, six nations, fly-half, sin bin, tackle',
        'Rugby Football Union, Six Nations Committee, Premiership Rugby',
      ),
      tag(
        'athletics',
        'sprint, marathon, world record, doping tests, relay, championships, hurdles',
        'World Athletics, Anti-Doping Agency, Olympic Committee',
      ),
      tag(
        'motor-racing',
        'grand prix, pole position, pit stop, championship standings, qualifying, tyres',
        'Formula One Group, Motorsport Council, Apex Racing',
      ),
      tag(
        'cycling',
        'peloton, stage win, mountain climb, time trial, yellow jersey, breakaway',
        'Tour Organisers, Cycling Union, Velo Team',
      ),
    ],
  },
  {
    category: 'Culture',
    verbs: ['opens', 'wins', 'cancels', 'revives', 'celebrates', 'premieres', 'honours', 'closes'],
    pastVerbs: ['opened', 'won', 'cancelled', 'revived', 'celebrated', 'premiered', 'honoured', 'closed'],
    roles: ['director', 'author', 'curator', 'critic', 'producer'],
    tags: [
      tag(
        'film',
        'box office, premiere, director, screenplay, awards season, cinema, sequel, streaming release',
        'Academy, Film Institute, Silverscreen Studios',
      ),
      tag(
        'books',
        'novel, bestseller list, literary prize, publisher, memoir, book festival, debut author',
        'Booker Foundation, Penrose Books, Literary Society',
      ),
      tag(
        'music',
        'album, tour, festival line-up, chart, record label, concert, streaming royalties',
        'Music Industry Association, Harbour Records, Festival Republic',
      ),
      tag(
        'theatre',
        'west end, musical, stage production, revival, playwright, box office, ticket prices',
        'National Theatre, Society of Theatres, Old Vic',
      ),
      tag(
        'television',
        'drama series, viewers, ratings, broadcaster, finale, streaming service, licence fee',
        'Public Broadcaster, Channel Five, Streamline TV',
      ),
      tag(
        'art',
        'exhibition, gallery, painting, auction, sculpture, retrospective, collectors',
        'National Gallery, Tate, Christie House',
      ),
      tag(
        'heritage',
        'listed building, restoration, museum, castle, archives, preservation, stately home',
        'National Trust, Heritage England, Historic Buildings Council',
      ),
    ],
  },
];

const FIRST_NAMES =
  `Amelia Oliver Priya James Sofia Mohammed Chloe Daniel Grace Lucas Aisha Thomas Hannah Ethan Maya Samuel
Leila Noah Ruth Arjun Isla Felix Zara Owen Nadia Hugo Esther Kwame Freya Tomasz Ines Callum Yasmin Rhys Mei Patrick Lena Ibrahim
Rosa Marcus`.split(/\s+/);
const LAST_NAMES =
  `Okafor Lindqvist Hartley Nakamura Brennan Castillo Whitfield Osei Moreau Kowalski Ashworth Delgado Fenwick Haddad
Iqbal Jablonski Kerrigan Larsen Mbeki Novak Pemberton Quinlan Rahman Sandoval Thornton Underwood Vasquez Wainwright Yilmaz
Zielinski Abernathy Blackwood Carrington Dimitrov Ellison Fairbanks Gallagher Holloway Ingram Jovanovic`.split(
    /\s+/,
  );
const PLACES =
  `Manchester Glasgow Cardiff Belfast Leeds Bristol Liverpool Newcastle Birmingham Edinburgh Sheffield Nottingham
Southampton Aberdeen Swansea Brussels Berlin Lisbon Nairobi Lagos Mumbai Jakarta Toronto Melbourne Seoul Istanbul Warsaw
Madrid Oslo Dublin`.split(/\s+/);
const AUTHORS =
  `Helen Marsh|David Achebe|Sarah Lindgren|Tom Whitaker|Anika Rao|Michael Brennan|Lucy Fairweather|Omar Siddiqui
|Claire Dubois|Ben Hollis|Ngozi Eze|Peter Kwan|Rachel Stein|Jamie O'Connor|Fatima Haddad|George Mills|Elena Petrova|Sam Adeyemi
|Kate Morrow|Luis Herrera`
    .split('|')
    .map((name) => name.trim());
const ADJECTIVES =
  `significant modest sharp unexpected long-awaited controversial record cautious fragile historic`.split(
    ' ',
  );
const TIMEFRAMES = [
  'by the end of the year',
  'within months',
  'next spring',
  'over the coming weeks',
  'before the summer',
  'in the next financial year',
];
const SAID = ['said', 'told reporters', 'said in a statement', 'told a briefing', 'wrote in a letter'];
const FILLER = [
  'Officials did not immediately respond to a request for comment.',
  'The figures are expected to be revised next month.',
  'Further details are due to be published later this week.',
  'It was not clear how long the process would take.',
  'The announcement was welcomed by some and criticised by others.',
  'Previous attempts to resolve the issue have stalled.',
  'A spokesperson declined to comment on the details.',
];

// Story pools turn over every quarter: people and places in the news change, so stories from the
// same months share names while stories years apart share only the subject.
const WINDOW_DAYS = 91;
const PEOPLE_PER_WINDOW = 4;
const PLACES_PER_WINDOW = 2;
const SPAN_DAYS = 5 * 365;
const MS_PER_DAY = 86_400_000;
const END_MS = Date.UTC(2025, 5, 30);

/** Mulberry32: small, fast and good enough to make test data; returns floats in [0, 1). */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(...parts: number[]): number {
  let h = 2166136261;
  for (const part of parts) {
    h = Math.imul(h ^ part, 16777619);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');
}

interface Story {
  category: CategoryBank;
  tags: TagBank[];
  people: string[];
  places: string[];
}

function storyPeople(tagIndex: number, window: number): string[] {
  return Array.from({ length: PEOPLE_PER_WINDOW }, (_, j) => {
    const h = hash(tagIndex, window, j);
    return `${FIRST_NAMES[h % FIRST_NAMES.length]} ${LAST_NAMES[(h >>> 8) % LAST_NAMES.length]}`;
  });
}

function storyPlaces(tagIndex: number, window: number): string[] {
  return Array.from(
    { length: PLACES_PER_WINDOW },
    (_, j) => PLACES[hash(tagIndex, window, j, 7) % PLACES.length]!,
  );
}

/** Yields `count` articles for a seed, oldest first, spread over about five years. */
export function* generateArticles(count: number, seed = 1): Generator<GeneratedArticle> {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const allTags = CATEGORIES.flatMap((c) => c.tags.map((t) => ({ category: c, tag: t })));
  const tagIndex = new Map(allTags.map((entry, i) => [entry.tag, i]));
  const startMs = END_MS - SPAN_DAYS * MS_PER_DAY;
  const stepMs = (SPAN_DAYS * MS_PER_DAY) / Math.max(count, 1);

  for (let i = 0; i < count; i++) {
    const publishedMs = Math.floor(startMs + i * stepMs + random() * stepMs);
    const window = Math.floor((publishedMs - startMs) / (WINDOW_DAYS * MS_PER_DAY));
    const category = pick(CATEGORIES);
    const primary = pick(category.tags);
    const tags = [primary];
    const extraTags = Math.floor(random() * 3);
    for (let t = 0; t < extraTags; t++) {
      // Most secondary tags come from the same desk; some stories cross desks.
      const candidate = random() < 0.75 ? pick(category.tags) : pick(allTags).tag;
      if (!tags.includes(candidate)) tags.push(candidate);
    }
    const primaryIndex = tagIndex.get(primary)!;
    const story: Story = {
      category,
      tags,
      people: storyPeople(primaryIndex, window),
      places: storyPlaces(primaryIndex, window),
    };

    const headline = makeHeadline(story, pick, random);
    const dek = makeSentence(story, pick, random);
    const paragraphCount = 3 + Math.floor(random() * 7);
    const paragraphs: string[] = [];
    for (let p = 0; p < paragraphCount; p++) {
      const sentences = 2 + Math.floor(random() * 3);
      const parts: string[] = [];
      for (let s = 0; s < sentences; s++) {
        parts.push(p > 0 && random() < 0.08 ? pick(FILLER) : makeSentence(story, pick, random));
      }
      paragraphs.push(parts.join(' '));
    }
    const authors = [pick(AUTHORS)];
    if (random() < 0.2) {
      const second = pick(AUTHORS);
      if (second !== authors[0]) authors.push(second);
    }
    yield {
      id: i + 1,
      slug: `${slugify(headline)}-${i + 1}`,
      headline,
      dek,
      paragraphs,
      category: category.category,
      tags: tags.map((t) => t.tag),
      authors,
      publishedAt: new Date(publishedMs).toISOString(),
      language: 'en',
    };
  }
}

type Pick = <T>(items: readonly T[]) => T;

function topicOf(story: Story, pick: Pick, random: () => number): string {
  // Most sentences stay on the main tag; the rest drift to the story's other tags.
  const bank = random() < 0.7 || story.tags.length === 1 ? story.tags[0]! : pick(story.tags);
  return pick(bank.topics);
}

function makeHeadline(story: Story, pick: Pick, random: () => number): string {
  const topic = topicOf(story, pick, random);
  const other = topicOf(story, pick, random);
  const verb = pick(story.category.verbs);
  switch (Math.floor(random() * 5)) {
    case 0:
      return `${pick(story.tags[0]!.organisations)} ${verb} ${topic} as scrutiny of ${other} grows`;
    case 1:
      return `${pick(story.people)} ${verb} ${topic} in ${pick(story.places)}`;
    case 2:
      return `${capitalise(topic)}: ${pick(story.people).split(' ')[1]} ${verb} ${other}`;
    case 3:
      return `${capitalise(topic)} ${pick(ADJECTIVES)} as ${pick(story.tags[0]!.organisations)} ${verb} ${other}`;
    default:
      return `What the ${topic} means for ${pick(story.places)}`;
  }
}

function makeSentence(story: Story, pick: Pick, random: () => number): string {
  const topic = topicOf(story, pick, random);
  const second = topicOf(story, pick, random);
  const other = second === topic ? topicOf(story, pick, random) : second;
  const person = pick(story.people);
  const organisation = pick(story.tags[0]!.organisations);
  const place = pick(story.places);
  const past = pick(story.category.pastVerbs);
  const role = pick(story.category.roles);
  const amount = 2 + Math.floor(random() * 95);
  switch (Math.floor(random() * 8)) {
    case 0:
      return `${person}, ${role} at ${organisation}, ${pick(SAID)} that the ${topic} would change ${pick(TIMEFRAMES)}.`;
    case 1:
      return `Spending on the ${topic} has risen by ${amount} per cent since last year, according to figures from ${organisation}.`;
    case 2:
      return `${organisation} ${past} its plans for the ${topic} on ${pick(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])}, a move ${person} called "${pick(ADJECTIVES)}".`;
    case 3:
      return `Critics warned that the ${topic} could affect ${other} in ${place} for years.`;
    case 4:
      return `In ${place}, about ${amount * 100} people were affected by the ${topic}, local officials said.`;
    case 5:
      return `"We have been clear about the ${topic} from the start," ${person} ${pick(SAID)}.`;
    case 6:
      return `The row over the ${other} comes weeks after ${organisation} ${past} a ${pick(ADJECTIVES)} review of the ${topic}.`;
    default:
      return `${capitalise(role)}s in ${place} expect the ${topic} and the ${other} to dominate the agenda ${pick(TIMEFRAMES)}.`;
  }
}
