// Demo content for a fresh install: a fictional regional newspaper, the Merrowby Courier.
// Every person, place, organisation and event here is invented.

/** Site-wide settings for the demo newspaper. */
export interface DemoSite {
  title: string;
  tagline: string;
  language: string;
  timezone: string;
}

/** A journalist who appears in bylines. */
export interface DemoAuthor {
  name: string;
  slug: string;
  bio: string;
}

/** A section of the paper; `parent` is the slug of the parent section. */
export interface DemoCategory {
  name: string;
  slug: string;
  parent?: string;
  description: string;
}

/** A reader comment, optionally with threaded replies. */
export interface DemoComment {
  author: string;
  email: string;
  url?: string;
  body: string;
  replies?: DemoComment[];
  status?: 'approved' | 'pending';
}

/** A correction appended to an article some hours after it was published. */
export interface DemoCorrection {
  hoursAfterPublish: number;
  text: string;
}

/** A published article; `hoursAgo` is relative to the moment the demo is installed. */
export interface DemoArticle {
  slug: string;
  headline: string;
  dek: string;
  category: string;
  tags: string[];
  authors: string[];
  hoursAgo: number;
  body: string;
  featuredImage?: { alt: string; caption: string; credit: string };
  corrections?: DemoCorrection[];
  comments?: DemoComment[];
  commentsOpen?: boolean;
  translationOf?: string;
  language?: string;
}

/** A static page such as "About us". */
export interface DemoPage {
  slug: string;
  headline: string;
  body: string;
}

/** The demo newspaper's settings. */
export const demoSite: DemoSite = {
  title: 'The Merrowby Courier',
  tagline: 'News from the city and the estuary',
  language: 'en',
  timezone: 'Europe/London',
};

/** The newsroom staff who write the demo articles. */
export const demoAuthors: DemoAuthor[] = [
  {
    name: 'Maren Oduya',
    slug: 'maren-oduya',
    bio: 'Political editor. Covers Merrowby City Council, planning and elections, and writes a fortnightly column about how the city is run.',
  },
  {
    name: 'Tom Hallett',
    slug: 'tom-hallett',
    bio: 'Transport and infrastructure correspondent. Writes about roads, buses, bridges, schools buildings and the river, usually from a seat on something that is running late.',
  },
  {
    name: 'Priya Castellane',
    slug: 'priya-castellane',
    bio: 'Business editor. Reports on the port, the high street and the local economy, with a particular interest in the cost of housing.',
  },
  {
    name: 'Dev Ashworth',
    slug: 'dev-ashworth',
    bio: 'Sports reporter. Has followed Merrowby Rovers home and away for eight seasons and still believes this is the year.',
  },
  {
    name: 'Ines Marlowe',
    slug: 'ines-marlowe',
    bio: 'Arts and culture editor. Reviews theatre, music and exhibitions across the city and the Ansel valley.',
  },
  {
    name: 'Callum Reyes',
    slug: 'callum-reyes',
    bio: 'Science and environment reporter. Covers water, weather and wildlife on the estuary; a marine biologist before he became a journalist.',
  },
];

/** The sections of the demo newspaper. */
export const demoCategories: DemoCategory[] = [
  {
    name: 'News',
    slug: 'news',
    description: 'What is happening in Merrowby and the Ansel valley.',
  },
  {
    name: 'City Hall',
    slug: 'city-hall',
    parent: 'news',
    description: 'Merrowby City Council, planning decisions and local elections.',
  },
  {
    name: 'Transport',
    slug: 'transport',
    parent: 'news',
    description: 'Roads, buses, bridges, ferries and getting around the city.',
  },
  {
    name: 'Business',
    slug: 'business',
    description: 'The port, the high street, jobs and the local economy.',
  },
  {
    name: 'Sport',
    slug: 'sport',
    description: 'Merrowby Rovers and the rest of the city’s sporting life.',
  },
  {
    name: 'Culture',
    slug: 'culture',
    description: 'Theatre, music, museums, festivals and reviews.',
  },
  {
    name: 'Opinion',
    slug: 'opinion',
    description: 'Columns and comment from the Courier’s writers.',
  },
  {
    name: 'Science & Environment',
    slug: 'science-environment',
    description: 'Water, weather, wildlife and the health of the estuary.',
  },
];

/** The demo articles: several storylines that share people and places, plus standalone stories. */
export const demoArticles: DemoArticle[] = [
  // Storyline: the Ansel Bridge repairs.
  {
    slug: 'ansel-bridge-closed-to-heavy-vehicles',
    headline: 'Ansel Bridge closed to heavy vehicles after inspectors find cracks',
    dek: 'Buses and lorries are diverted through Northcliff while engineers assess damage to the 1930s lifting span.',
    category: 'transport',
    tags: ['Harbour Bridge', 'Roads', 'Public Transport', 'City Council'],
    authors: ['tom-hallett'],
    hoursAgo: 1250,
    featuredImage: {
      alt: 'A steel lifting bridge over a river with a road sign in the foreground showing a weight limit',
      caption: 'Ansel Bridge links the Old Town with Eastquay and carries about 18,000 vehicles a day.',
      credit: 'Photo: Nell Tregarthen / The Merrowby Courier',
    },
    body: `Ansel Bridge, the lifting bridge that carries about 18,000 vehicles a day between the Old Town and Eastquay, has been closed to vehicles over 7.5 tonnes after a routine inspection found cracks in two of the steel girders beneath its eastern approach.

Merrowby City Council said the restriction took effect immediately and would last "until engineers are confident the structure is safe". Cars, cyclists and pedestrians can still cross, but a 20mph limit now applies and the bridge will not be raised for shipping while the assessment continues.

Helena Brisk, the council's city engineer, said the cracks were found during a structural survey carried out every six years. "They are not a sign that the bridge is about to fail," she said. "But they are in the part of the structure that carries the most load, and we are not prepared to take chances with it."

## What changes for passengers

Merrowby Coastline Buses has diverted its 4, 7 and 12 routes over the Northcliff road bridge, adding between 15 and 25 minutes to journeys at peak times. Lorries bound for the Eastquay container terminal are being sent along the ring road.

Cllr Owen Pryce, who chairs the council's transport committee, said he would ask officers for an emergency funding report. "People on the east side of the river rely on that bridge for work, school and hospital appointments," he said. "They need a plan and a timetable, not just a sign saying closed."

The bridge opened in 1934 and was last strengthened in the 1990s.`,
  },
  {
    slug: 'council-approves-emergency-funding-for-ansel-bridge',
    headline: 'Council approves £4.2m emergency repair fund for Ansel Bridge',
    dek: 'Tidewell Engineering is appointed to replace the damaged girders, with work expected to take four months.',
    category: 'transport',
    tags: ['Harbour Bridge', 'City Council', 'Budget'],
    authors: ['tom-hallett', 'maren-oduya'],
    hoursAgo: 1010,
    body: `Merrowby City Council has agreed to spend £4.2 million on emergency repairs to Ansel Bridge, ten days after cracked girders forced the crossing to close to buses and heavy vehicles.

Councillors voted 38 to 4 at a special meeting of the full council to release the money from reserves, and officers will bid for regional infrastructure funding to recover part of the cost. Tidewell Engineering, a firm based on the Eastquay industrial estate, has been appointed under an emergency contract.

The city engineer, Helena Brisk, told councillors that the work would involve removing and replacing two girder sections and renewing the bearings on which the eastern span rests. She estimated that it would take about four months once materials were on site.

> "This is not the cheapest option, but it is the one that gives us a bridge we can rely on for another thirty years." — Helena Brisk, city engineer

Several councillors asked why the damage had not been spotted earlier. Cllr Owen Pryce, chair of the transport committee, said the inspection records would be published in full and that an independent review of the council's bridge maintenance programme would report to his committee within six months.

The four councillors who voted against said they supported the repairs but wanted the contract put out to open tender. Cllr Diane Ferris said that awarding work without competition "should not become a habit, however urgent the job".

Sam Okafor, Tidewell's project manager, said the firm expected to begin preparatory work within a fortnight.`,
    comments: [
      {
        author: 'Geoff Tamblyn',
        email: 'geoff.tamblyn@example.org',
        body: 'Glad they have found the money, but four months is a long time for people in Eastquay. Will there be any help with travel in the meantime?',
        replies: [
          {
            author: 'Priti Sandford',
            email: 'priti.sandford@example.com',
            body: 'A councillor mentioned a temporary ferry at the meeting. That would be quicker than the diverted bus.',
          },
        ],
      },
      {
        author: 'Ann Whitmore',
        email: 'ann.whitmore@example.org',
        body: "I would like to know why the last inspection didn't catch this. Six years between surveys seems a long gap for a bridge that old.",
      },
    ],
  },
  {
    slug: 'free-shuttle-ferry-links-eastquay-and-old-town',
    headline: 'Free shuttle ferry links Eastquay and Old Town during bridge works',
    dek: 'Ansel Ferries will run a boat every 15 minutes at peak times while Ansel Bridge is closed to buses.',
    category: 'transport',
    tags: ['Harbour Bridge', 'Public Transport', 'City Council'],
    authors: ['tom-hallett'],
    hoursAgo: 790,
    body: `A free passenger ferry between Eastquay and the Old Town began running this week, giving people on the east side of the river a quicker way into the city centre while Ansel Bridge remains closed to buses.

The service, run by Ansel Ferries under contract to Merrowby City Council, uses two 60-seat boats and crosses from the Eastquay pontoon to the Custom House steps in about six minutes. Boats will run:

- every 15 minutes from 6.30am to 9.30am and from 3.30pm to 7pm
- every 30 minutes at other times until 10pm
- hourly on Sundays, from 8am to 8pm

Bicycles and pushchairs are carried free of charge, and the boats have step-free access at both landings.

On the first morning the crew counted just over 600 passengers before 10am. Among them was Chloe Amadi, a nurse who commutes from Eastquay to the Royal Merrowby Infirmary. "The diverted bus was taking me nearly an hour," she said. "This is ten minutes door to door, and you get a view."

Cllr Owen Pryce said the ferry would cost about £38,000 a month and would run until the bridge fully reopens. He said the council would consider whether a permanent service could be justified once the repairs were complete.

Tidewell Engineering has begun setting up its compound beside the bridge's eastern approach. Work to remove the damaged girders is due to start once temporary supports have been installed beneath the span.`,
  },
  {
    slug: 'ansel-bridge-repairs-delayed-by-bearings',
    headline: 'Ansel Bridge repairs delayed by six weeks as replacement bearings are held up',
    dek: 'Specialist parts will arrive late after a furnace failure at the foundry, Tidewell Engineering says.',
    category: 'transport',
    tags: ['Harbour Bridge', 'Roads', 'Small Business'],
    authors: ['tom-hallett'],
    hoursAgo: 300,
    body: `Repairs to Ansel Bridge will take at least six weeks longer than planned after the manufacturer of replacement bearings for the eastern span warned that it could not deliver them on time.

Tidewell Engineering, which is carrying out the £4.2 million repair for Merrowby City Council, said the new girder sections had been made and were on schedule. The delay affects only the bearings, the heavy steel assemblies that allow the span to move as it expands, contracts and lifts.

Sam Okafor, Tidewell's project manager, said the bearings were being made to the dimensions of the original 1934 design and could not be bought off the shelf. "Only a handful of foundries can cast at this size, and the one we are using has had a failure on one of its furnaces," he said. "We have looked at the alternatives, and none of them would be quicker."

## Could buses return sooner?

The city engineer, Helena Brisk, said her team was examining whether buses could be allowed back across once the new girders were in place, with the bridge held in its lowered position until the bearings arrive. A decision is expected within a fortnight.

Cllr Owen Pryce said the news was "deeply frustrating" for Eastquay residents and businesses. The free shuttle ferry, which has carried more than 40,000 passengers since it began, will continue for as long as the bus diversions remain.

Businesses on Eastquay Parade say trade has fallen since the closure. Declan Shaw, chief executive of Merrowby Chamber of Commerce, said some cafés had lost a fifth of their weekday custom.`,
    comments: [
      {
        author: 'Mark Redfern',
        email: 'mark.redfern@example.org',
        body: 'Six more weeks. I run a café on Eastquay Parade and I can tell you exactly what a fifth of our trade looks like: it looks like letting a member of staff go.',
        replies: [
          {
            author: 'Lou Achterberg',
            email: 'lou.achterberg@example.com',
            body: 'Sorry to hear that. Which café? I take the ferry across most mornings and would happily walk a little further.',
            replies: [
              {
                author: 'Mark Redfern',
                email: 'mark.redfern@example.org',
                body: 'The Tide Table, next to the old bank. Thank you, genuinely.',
              },
            ],
          },
        ],
      },
      {
        author: 'Hugh Penhale',
        email: 'hugh.penhale@example.org',
        url: 'https://example.org/hugh-penhale',
        body: 'Retired structural engineer here. Bespoke bearings for a bridge of this age really are hard to source. It is frustrating, but I would rather they waited for the right part than fitted the wrong one.',
      },
    ],
  },
  {
    slug: 'buses-return-to-ansel-bridge',
    headline: 'Buses to return to Ansel Bridge as new girders pass load tests',
    dek: 'Routes 4, 7 and 12 will resume their normal course, but lorries must wait until new bearings are fitted.',
    category: 'transport',
    tags: ['Harbour Bridge', 'Public Transport', 'Roads'],
    authors: ['tom-hallett'],
    hoursAgo: 20,
    featuredImage: {
      alt: 'Engineers in high-visibility jackets beside lorries parked on a bridge at night',
      caption: 'Ballast lorries were parked at measured points on the span during overnight load tests.',
      credit: 'Photo: Nell Tregarthen / The Merrowby Courier',
    },
    body: `Buses will cross Ansel Bridge again from the start of next week after the replacement girders on the eastern span passed a series of load tests, Merrowby City Council has confirmed.

Engineers from Tidewell Engineering parked ballast lorries at measured points across the span overnight while sensors recorded how the new steel deflected under the weight. Helena Brisk, the city engineer, said the readings were "well within the limits we set, and in line with what the design predicted".

Merrowby Coastline Buses said routes 4, 7 and 12 would return to their usual course through the Old Town, ending a diversion over the Northcliff road bridge that has added up to 25 minutes to some journeys for nearly two months.

The bridge will remain closed to vehicles over 18 tonnes and will not be raised for shipping until the new bearings are fitted. Tidewell expects them to arrive within three weeks, after which a further fortnight of work will be needed.

> "It has been a long wait for people in Eastquay, and I want to thank them for their patience. We are not finished yet, but this is the step that makes the biggest difference to daily life." — Cllr Owen Pryce, chair of the transport committee

The free shuttle ferry between Eastquay and the Custom House steps will run a reduced timetable for the next month. Ansel Ferries said passenger numbers had been strong enough for the council to consider keeping a permanent service, and a report is due to the transport committee.

Chloe Amadi, a nurse who has used the ferry every day since it began, said she would keep using it. "I've got used to the boat," she said. "I might not go back."`,
    comments: [
      {
        author: 'Chloe Bright',
        email: 'chloe.bright@example.com',
        body: "Finally! The number 7 diversion added half an hour to my son's journey to school.",
      },
      {
        author: 'Danny Keast',
        email: 'danny.keast@example.org',
        body: 'Please keep the ferry. It is the best thing to come out of this whole business.',
        replies: [
          {
            author: 'Rosa Tregear',
            email: 'rosa.tregear@example.org',
            body: 'Agreed. Even a summer-only service would be popular with visitors.',
          },
        ],
      },
    ],
  },

  // Storyline: the Gullstone Yard housing development.
  {
    slug: 'gullstone-yard-plans-submitted',
    headline: 'Plans lodged for 420 homes on former Gullstone ropeworks',
    dek: 'Saltline Homes proposes flats, townhouses and a riverside park on the derelict site, with one in five homes classed as affordable.',
    category: 'city-hall',
    tags: ['Housing', 'Planning', 'City Council'],
    authors: ['maren-oduya'],
    hoursAgo: 1400,
    body: `A developer has submitted plans to build 420 homes on the site of the former Gullstone ropeworks, a 4.5-hectare plot beside the river that has stood largely empty for more than 20 years.

Saltline Homes wants to build a mix of flats of up to eight storeys and terraced townhouses, along with a small riverside park, a café and space for a doctors' surgery. The plans, now published on Merrowby City Council's planning portal, include 84 affordable homes, or 20 per cent of the total.

The council's local plan sets a target of 35 per cent affordable housing on large sites, but allows developers to offer less if they can show that the full share would make a scheme unviable. Saltline says the cost of cleaning contaminated ground on the site, which was used for tar and rope production until the 1970s, justifies the lower figure.

Graham Voss, managing director of Saltline Homes, said the development would "bring a forgotten part of the riverfront back to life". "This is a difficult site, and it has defeated several developers before us," he said. "We think we have a scheme that works, and that gives people a reason to walk along this stretch of the river again."

Margaret Ebbe, who chairs the Gullstone Residents' Association, said neighbours were not opposed to new housing but had concerns about the height of the flats and the pressure on local schools and parking. The association plans to hold a public meeting.

The public consultation runs for six weeks, and the application is expected to go before the planning committee in the coming months.`,
  },
  {
    slug: 'gullstone-yard-residents-meeting',
    headline: 'Hundreds pack church hall to question Gullstone Yard plans',
    dek: 'Residents raise concerns about building heights, school places and the share of affordable homes.',
    category: 'city-hall',
    tags: ['Housing', 'Planning', 'Schools'],
    authors: ['maren-oduya'],
    hoursAgo: 1100,
    body: `More than 300 people crowded into St Anne's church hall in Gullstone this week to question the developer behind plans for 420 homes on the former ropeworks site.

The meeting, organised by the Gullstone Residents' Association, ran for nearly three hours. Representatives of Saltline Homes presented the scheme and took questions from the floor, with the association's chair, Margaret Ebbe, keeping time. Most questions fell into three areas:

- the height of the proposed flats, the tallest of which would be eight storeys, in a neighbourhood of mostly two-storey terraces
- whether Kestrel Lane Primary and other nearby schools have room for more pupils
- the decision to offer 20 per cent affordable housing rather than the council's 35 per cent target

Graham Voss, Saltline's managing director, said the company had already reduced the tallest block from ten storeys after early feedback, and would publish its viability assessment in full. "We'd rather people argued with our numbers than guessed at them," he said.

Several residents spoke in favour. Tariq Hussain, who rents a flat on Ropewalk Street with his partner and two children, said the site had been "a fenced-off eyesore for my whole life" and that young families were being priced out of Gullstone. "Some of us need these homes," he said.

Helen Crowe, head teacher at Kestrel Lane Primary, said the school was close to capacity in its younger year groups and called for the developer to help pay for extra classrooms.

Mrs Ebbe said the association would submit a formal response to the consultation. "Nobody here is saying build nothing," she said. "We are saying build it properly."`,
  },
  {
    slug: 'gullstone-yard-decision-deferred',
    headline: 'Planning committee defers decision on Gullstone Yard',
    dek: 'Councillors ask Saltline Homes to revisit its affordable housing offer after an independent review questions its figures.',
    category: 'city-hall',
    tags: ['Housing', 'Planning', 'City Council'],
    authors: ['maren-oduya'],
    hoursAgo: 620,
    corrections: [
      {
        hoursAfterPublish: 5,
        text: 'An earlier version of this article said the independent review of the viability assessment was commissioned by Saltline Homes. It was commissioned by Merrowby City Council.',
      },
    ],
    body: `Merrowby City Council's planning committee has put off a decision on plans for 420 homes at the former Gullstone ropeworks, asking the developer to look again at how many of the homes would be affordable.

Council planning officers had recommended approval. But an independent review of Saltline Homes' viability assessment, commissioned by the council, concluded that the scheme could support 28 per cent affordable housing rather than the 20 per cent offered, largely because the developer had overestimated the cost of decontaminating the site.

Cllr Ruth Adeyemi, who chairs the committee, said councillors were not minded to refuse the application outright. "This site needs to be developed, and I think most people in this room accept that," she said. "But we have been given good reason to believe the scheme can do more for people who cannot afford market prices, and we would be failing in our job if we did not ask."

Graham Voss of Saltline Homes told the committee that the company disputed the review's findings but would "engage constructively". He said delays carried their own costs, and that building prices had risen sharply since the plans were drawn up.

Margaret Ebbe of the Gullstone Residents' Association welcomed the deferral, and the committee's request that the developer also reconsider the height of its tallest block. Around 40 residents watched from the public gallery.

The application is expected to return to the committee within weeks.`,
  },
  {
    slug: 'gullstone-yard-approved',
    headline: 'Gullstone Yard approved with 30% affordable homes after developer’s revised offer',
    dek: 'The planning committee backs a 410-home scheme on the former ropeworks, with the tallest block cut to six storeys.',
    category: 'city-hall',
    tags: ['Housing', 'Planning', 'City Council', 'Schools'],
    authors: ['maren-oduya'],
    hoursAgo: 6,
    featuredImage: {
      alt: 'A long brick shed with broken windows behind a chain-link fence beside a river',
      caption:
        'The former ropeworks shed at Gullstone, which will be kept and converted under the approved plans.',
      credit: 'Photo: Sol Petherick / The Merrowby Courier',
    },
    body: `Plans for 410 homes on the former Gullstone ropeworks have been approved after the developer raised its offer of affordable housing from 20 to 30 per cent and reduced the height of its tallest building.

Merrowby City Council's planning committee voted seven to two in favour of the revised scheme from Saltline Homes, nearly four weeks after deferring a decision and asking the company to revisit its figures.

## What has changed

The revised plans include:

- 123 affordable homes, of which about two thirds will be for social rent
- a tallest block of six storeys rather than eight, with ten fewer homes overall
- £650,000 towards extra classrooms at Kestrel Lane Primary
- a riverside park that will open to the public in the first phase of building

Cllr Ruth Adeyemi, the committee chair, said the outcome showed the value of "asking the harder question". "This is a better scheme than the one we saw last month, and people in Gullstone will be able to see the difference," she said.

Graham Voss, managing director of Saltline Homes, said the company was pleased to have reached agreement and hoped to begin clearing the site within six months. The first homes could be ready in about three years.

Margaret Ebbe, chair of the Gullstone Residents' Association, said residents had "won most of what we asked for", although some still had concerns about traffic on Ropewalk Street.

Sanjay Mercer, the newly elected councillor for Harbourside ward, which includes the site, said he would hold the developer to its promises on the park and the school.`,
    comments: [
      {
        author: 'Tariq Hussain',
        email: 'tariq.hussain@example.org',
        body: 'Good news for families like mine. Thirty per cent is better than twenty, and having the park from day one matters.',
      },
      {
        author: 'Judith Lanyon',
        email: 'judith.lanyon@example.com',
        body: 'Six storeys is still tall for Gullstone, but I accept it is a compromise. Traffic on Ropewalk Street is the next fight.',
        replies: [
          {
            author: 'Ben Ashdown',
            email: 'ben.ashdown@example.org',
            body: 'Was a traffic survey done? I could not find one in the committee papers.',
            replies: [
              {
                author: 'Judith Lanyon',
                email: 'judith.lanyon@example.com',
                body: 'There is one in an appendix to the original application, but it was carried out before the bridge closed, so the figures look odd.',
              },
            ],
          },
        ],
      },
    ],
  },
  {
    slug: 'gullstone-yard-affordable-test',
    headline: 'Gullstone Yard is a test of what "affordable" really means',
    dek: 'The numbers in a viability assessment decide who gets to live by the river. They deserve more scrutiny than they get.',
    category: 'opinion',
    tags: ['Housing', 'Planning'],
    authors: ['priya-castellane'],
    hoursAgo: 96,
    body: `When Merrowby City Council's planning committee meets this week to decide the future of the Gullstone ropeworks, most of the argument will come down to a document that few people have read: the viability assessment.

It is the spreadsheet in which a developer sets out what it expects to spend, what it expects to earn, and what profit it needs to make a scheme worthwhile. If the figures show that meeting the council's 35 per cent affordable housing target would push the profit below that line, the target can be lowered. That is how Saltline Homes arrived at its original offer of 20 per cent.

There is nothing sinister about this. Building on contaminated land is expensive, and a scheme that never gets built provides no homes of any kind. But the process relies on assumptions about costs, sale prices and acceptable profit, and small changes in those assumptions move the result a long way. The council's own independent review found that a more realistic estimate of clean-up costs alone lifted the affordable share to 28 per cent.

## The word doing the work

It is also worth asking what "affordable" means. In planning terms it can include homes sold or let at 80 per cent of the market price, which in Harbourside is still out of reach for a nurse or a bus driver. A scheme with a high affordable share but few homes at social rent may help fewer people than the headline figure suggests.

The committee should approve a scheme on this site; it has been empty for far too long. But it should insist on knowing how many homes will be let at social rent, publish every assumption in the viability assessment, and require the figures to be reviewed if sale prices rise faster than expected.

Those are not unreasonable demands. They are the least a city should ask before it gives away a riverfront.`,
    comments: [
      {
        author: 'Simon Vellacott',
        email: 'simon.vellacott@example.org',
        body: 'A rare opinion piece that explains the process instead of just shouting about it. More of this, please.',
      },
      {
        author: 'Karen Polglase',
        email: 'karen.polglase@example.com',
        body: 'Developers are entitled to make a profit. If the council keeps squeezing, nothing gets built and we all lose.',
        replies: [
          {
            author: 'Simon Vellacott',
            email: 'simon.vellacott@example.org',
            body: 'The piece says as much. The point is that the assumptions should be public, so everyone can see whether the squeeze is fair.',
          },
        ],
      },
    ],
  },

  // Storyline: Merrowby Rovers' season.
  {
    slug: 'oyelaran-double-gives-rovers-winning-start',
    headline: 'Oyelaran double gives Rovers winning start at Cable Street',
    dek: 'Merrowby Rovers beat Ashcombe Athletic 2-0 in front of their biggest opening-day crowd for a decade.',
    category: 'sport',
    tags: ['Merrowby Rovers', 'Football'],
    authors: ['dev-ashworth'],
    hoursAgo: 1300,
    body: `Danny Oyelaran scored twice as Merrowby Rovers opened their Coastal League season with a 2-0 win over Ashcombe Athletic at Cable Street, watched by a crowd of 3,412.

Oyelaran, who joined from derby rivals Fenwick Town in the close season, opened the scoring after 23 minutes, turning his marker on the edge of the area and finishing low into the far corner. His second came ten minutes from time, a header from captain Joe Tremain's corner.

Ashcombe had the better of the first half-hour and hit the post through their winger Lewis Pardoe, but Rovers grew into the game after the opening goal and goalkeeper Tom Beasant was rarely troubled after the break.

Manager Gareth Lund, starting his second full season in charge, was pleased but cautious. "It's one game," he said. "We've been here before, started well and then faded. What I liked today was that when it got difficult in the first 20 minutes, nobody panicked."

Lund said the size of the crowd had lifted the players. The club sold a record number of season tickets over the summer after finishing fifth last season, one place outside the play-offs.

Rovers travel to Penhallow next, before a home game against Stourley United.`,
  },
  {
    slug: 'rovers-injury-list-grows',
    headline: "Rovers' injury list grows as Tremain is ruled out for six weeks",
    dek: 'Gareth Lund says he may turn to the youth team after losing his captain to a torn hamstring.',
    category: 'sport',
    tags: ['Merrowby Rovers', 'Football', 'Health'],
    authors: ['dev-ashworth'],
    hoursAgo: 860,
    body: `Merrowby Rovers will be without captain Joe Tremain for around six weeks after a scan confirmed a torn hamstring, adding to an injury list that now includes five first-team players.

Tremain limped off in the first half of the 1-1 draw at Stourley United and was replaced by 18-year-old midfielder Ryan Pascoe, who is expected to keep his place. The club's injury list now reads:

- Joe Tremain (midfielder): hamstring, about six weeks
- Tom Beasant (goalkeeper): broken finger, three to four weeks
- Marcus Dyer (defender): ankle ligaments, about a month
- Aaron Frost (winger): knee, assessment continuing
- Liam Okoro (defender): illness, expected back this week

Manager Gareth Lund said the squad was too thin to cope with so many absences at once. "We built a group of 20 players who can all play, and we've lost a quarter of them in a month," he said. "Some of that is bad luck. Some of it we need to look at, in terms of how we train and how many games we play in a short space of time."

Lund said he would speak to the board about signing a goalkeeper on loan and would give chances to players from the under-21 side. He singled out Pascoe, who came through the club's academy, for praise. "He has played like he has been there for years," he said.

Despite the injuries, Rovers sit third in the table after six games, with four wins and two draws. Danny Oyelaran leads the division's scoring chart with seven goals.`,
  },
  {
    slug: 'late-equaliser-denies-rovers-derby-win',
    headline: 'Late equaliser denies Rovers derby win over Fenwick Town',
    dek: 'Danny Oyelaran scores against his old club, but a stoppage-time header earns Fenwick a 2-2 draw at Cable Street.',
    category: 'sport',
    tags: ['Merrowby Rovers', 'Football'],
    authors: ['dev-ashworth'],
    hoursAgo: 330,
    body: `A header four minutes into stoppage time from Fenwick Town substitute Jake Harlow denied Merrowby Rovers their first derby win at Cable Street in six years, as the sides drew 2-2 in front of a sell-out crowd of 5,100.

Rovers twice led. Danny Oyelaran, facing the club he left in the summer, scored the first after 17 minutes and raised his hands in apology to the away end. Fenwick equalised through a deflected shot from Sam Kettering early in the second half, but Ryan Pascoe restored Rovers' lead with his first senior goal, a low drive from 20 yards.

With Joe Tremain still on the bench after his hamstring injury and the home side defending ever deeper, Fenwick's pressure finally told when Harlow rose unchallenged to meet a free kick.

> "We stopped playing. We scored a brilliant goal and then spent 25 minutes trying to protect it instead of trying to score another one. That's on me as much as the players." — Gareth Lund, Rovers manager

Fenwick's manager, Paul Deverell, said his side had deserved a point. "We came to a difficult place and showed character," he said.

The draw leaves Rovers second in the table, two points behind leaders Penhallow with a game in hand. The match passed without serious incident, although police said two people had been arrested outside the ground before kick-off.`,
    comments: [
      {
        author: 'Stevie Rowe',
        email: 'stevie.rowe@example.org',
        body: 'Two points dropped at home to Fenwick, in stoppage time. I will be thinking about that header all week.',
      },
      {
        author: 'Nia Cardew',
        email: 'nia.cardew@example.com',
        body: "Pascoe's goal was worth the ticket on its own. Eighteen years old!",
        replies: [
          {
            author: 'Stevie Rowe',
            email: 'stevie.rowe@example.org',
            body: 'Fair point. The academy has done well with him.',
          },
        ],
      },
      {
        author: 'Fenwick Supporter',
        email: 'fenwick.supporter@example.org',
        body: "A deserved point. Oyelaran's apology was a classy touch, to be fair to him.",
      },
    ],
  },
  {
    slug: 'rovers-go-top-lund-no-one-getting-carried-away',
    headline: 'Lund on Rovers\' promotion hopes: "No one here is getting carried away"',
    dek: 'A fifth straight win takes Merrowby Rovers top of the Coastal League for the first time in nine years.',
    category: 'sport',
    tags: ['Merrowby Rovers', 'Football'],
    authors: ['dev-ashworth'],
    hoursAgo: 30,
    featuredImage: {
      alt: 'Footballers in blue and white shirts celebrating a goal in front of a small stand of supporters',
      caption: 'Joe Tremain celebrates his volley at Penhallow on his return from injury.',
      credit: 'Photo: Kit Rowse / The Merrowby Courier',
    },
    body: `Merrowby Rovers are top of the Coastal League for the first time in nine years after a 3-1 win at Penhallow, their fifth victory in a row.

Danny Oyelaran scored his 15th goal of the season, and captain Joe Tremain, back in the starting line-up after his hamstring injury, added a second with a volley from the edge of the area. Ryan Pascoe, the teenage midfielder who has kept his place since coming in for Tremain, made it three before Penhallow scored a consolation in the last minute.

Manager Gareth Lund was careful not to talk up the club's chances. "It's nice to see us at the top, and the supporters should enjoy it," he said. "But there are a lot of games left, and no one here is getting carried away. We were fourth a month ago."

## Reasons for optimism

Rovers' improvement since the derby draw with Fenwick Town has been built on defence. They have conceded three goals in five games, helped by the return of goalkeeper Tom Beasant and a switch to a back three that Lund introduced during the injury crisis.

The club's chair, Rhona Pike, said the board would consider strengthening the squad in the next transfer window if Rovers remained in contention. Promotion would take the club up a division for the first time since 1987, and would require improvements to the floodlights and covered seating at Cable Street.

Attendances have risen by almost 40 per cent on last season, and Rovers' next home game, against Ashcombe Athletic, is close to selling out.`,
  },

  // Storyline: the dry summer and the hosepipe ban.
  {
    slug: 'hollin-reservoir-lowest-level-in-20-years',
    headline: 'Hollin Reservoir falls to lowest level in 20 years after dry summer',
    dek: 'Ansel Valley Water urges customers to cut their use as stocks drop to 41 per cent of capacity.',
    category: 'science-environment',
    tags: ['Water Supply', 'Heatwave', 'Climate'],
    authors: ['callum-reyes'],
    hoursAgo: 800,
    featuredImage: {
      alt: 'Old stone walls and a lane emerging from dried mud at the edge of a low reservoir',
      caption:
        'Falling water has exposed the walls of Hollin hamlet, flooded when the dam was built in 1952.',
      credit: 'Photo: Sol Petherick / The Merrowby Courier',
    },
    body: `Hollin Reservoir, which supplies about two thirds of Merrowby's drinking water, has fallen to 41 per cent of its capacity, its lowest level at this point in the year for two decades.

Ansel Valley Water said the region had received less than half its average rainfall since the spring, while demand had risen sharply during spells of hot weather. On the hottest days, customers used more than 200 million litres, about a quarter above normal.

Dr Nadia Kerr, the company's head of water resources, said supplies were not at immediate risk but asked people to take simple steps to save water:

- use a watering can rather than a hosepipe or sprinkler
- take shorter showers and turn off the tap while brushing teeth
- let lawns go brown; they recover quickly after rain
- report leaks on pavements and roads to the company

"A brown lawn in a dry summer is the sign of a sensible gardener, not a neglected garden," Dr Kerr said.

At the reservoir itself, the falling water has exposed the stone walls and lanes of Hollin hamlet, flooded when the dam was built in 1952, drawing visitors to the shoreline. The company has asked people to stay off the exposed mud, which can be deep and unstable.

Dr Kerr said a hosepipe ban had not been ruled out if the dry weather continued. "We make that decision on the evidence, week by week," she said. "Every litre saved now is a litre we have later."`,
  },
  {
    slug: 'hosepipe-ban-to-begin-across-merrowby',
    headline: 'Hosepipe ban to begin across Merrowby as reservoir keeps falling',
    dek: 'Ansel Valley Water says the restrictions, the first since 2006, will stay until Hollin Reservoir recovers.',
    category: 'science-environment',
    tags: ['Water Supply', 'Heatwave', 'Climate'],
    authors: ['callum-reyes'],
    hoursAgo: 600,
    body: `A hosepipe ban will come into force across Merrowby and the Ansel valley in a week, after Hollin Reservoir fell to 34 per cent of its capacity during another week of hot, dry weather.

Ansel Valley Water said the restrictions, formally known as a temporary use ban, were the first in the region since 2006. They apply to about 310,000 households and businesses.

## What is banned

Under the ban, customers may not use a hosepipe to:

- water gardens or allotments
- wash cars, boats or caravans
- fill paddling pools or ornamental ponds
- clean walls, windows or patios

Watering cans, buckets and water from water butts can still be used. There are exemptions for Blue Badge holders and for some health and safety reasons, and businesses that depend on water, such as car washes and garden centres, are covered by separate rules.

Dr Nadia Kerr, head of water resources at Ansel Valley Water, said the decision had not been taken lightly. "Our customers have already done a great deal to cut their use, and we're grateful," she said. "But the forecast shows no sign of significant rain, and we have a duty to protect supplies through the autumn."

The company said it was also repairing leaks faster, with extra crews working at weekends. It loses around 18 per cent of the water it treats through leaks, slightly better than the national average. Anyone who breaks the ban can be fined up to £1,000, although the company said it would rely mainly on people's goodwill.`,
    comments: [
      {
        author: 'Maggie Rundle',
        email: 'maggie.rundle@example.org',
        body: 'Does the ban cover water from a well or borehole on private land? We have one at the allotment.',
        replies: [
          {
            author: 'Owen Dunstan',
            email: 'owen.dunstan@example.com',
            body: 'As far as I understand it, it only applies to mains water from the company. Worth checking with them directly, though.',
          },
        ],
      },
      {
        author: 'Pat Harvey',
        email: 'pat.harvey@example.org',
        body: 'Fix the leaks first, then talk to us about our gardens. Eighteen per cent is a lot of water.',
      },
      {
        author: 'Garden Deals Direct',
        email: 'offers@example.com',
        url: 'https://example.com/water-butts',
        body: 'Beat the ban! Huge discounts on water butts this week only, follow the link for details.',
        status: 'pending',
      },
    ],
  },
  {
    slug: 'libraries-open-as-cool-rooms',
    headline: 'Libraries open as cool rooms as heat-health alert is issued',
    dek: 'The council’s director of public health urges people to check on older neighbours during the hottest week of the summer.',
    category: 'news',
    tags: ['Heatwave', 'Health', 'City Council'],
    authors: ['callum-reyes', 'maren-oduya'],
    hoursAgo: 410,
    body: `Merrowby City Council is opening five libraries and two community centres as "cool rooms" this week, with temperatures forecast to reach 34C and health officials issuing their highest level of heat warning for the region.

The rooms will have seating, free drinking water and staff trained to recognise the signs of heat exhaustion. They will stay open until 8pm each evening while the alert is in place, at:

- Central Library, Fore Street
- Eastquay Library
- Northcliff Library
- Gullstone Library, Ropewalk Street
- Kestrel Lane Library
- Harbourside Community Centre
- St Anne's Centre, Gullstone

Dr Simon Achebe, the council's director of public health, said most people would cope with the heat but that older people, babies and those with heart or lung conditions were at greater risk. "Heat is a quiet danger," he said. "People don't always realise they are becoming unwell. A phone call or a knock on the door from a neighbour can make a real difference."

He advised people to keep curtains closed on the sunny side of their homes, avoid strenuous activity in the middle of the day and drink water regularly, despite the hosepipe ban now in force. "The ban is about gardens and cars, not people," he said. "Nobody should be rationing what they drink."

The Royal Merrowby Infirmary said it had seen a rise in heat-related admissions and had added staff to its emergency department. Merrowby Coastline Buses said it would carry free bottled water on its busiest routes.`,
  },
  {
    slug: 'plan-for-the-next-dry-summer',
    headline: 'After the hosepipe ban, Merrowby needs a plan for the next dry summer',
    dek: 'Hollin Reservoir will refill eventually. The pressures that emptied it will not go away.',
    category: 'opinion',
    tags: ['Water Supply', 'Climate', 'Housing'],
    authors: ['callum-reyes'],
    hoursAgo: 240,
    body: `It is easy to treat a hosepipe ban as a piece of bad luck: a hot summer, a dry spring, a few weeks of brown lawns and then back to normal. Hollin Reservoir will refill eventually, and most people will forget. That would be a mistake.

Rainfall records for the Ansel valley show that dry summers are becoming more frequent, and the summers themselves hotter. Demand for water rises on exactly the days when supply is under most pressure. Ansel Valley Water's own long-term plan expects the region to face a shortfall within 20 years if nothing changes.

Some of the answers lie with the company. It still loses around 18 per cent of the water it treats through leaks, and while that is better than average, it is not good enough for a region that may need every litre. Plans for a second reservoir have been discussed for three decades without a decision.

## A question of planning

Some of the answers lie with the rest of us, and with the council. New homes, including the hundreds planned at Gullstone Yard, could be built to use far less water, with rainwater collection and efficient fittings required as a condition of planning permission. Public buildings could harvest rain from their roofs. Parks could be planted with species that cope with drought.

None of these measures is dramatic, and none would make headlines on its own. Together they would make the next hosepipe ban less likely and less severe.

Dr Nadia Kerr of Ansel Valley Water has said that every litre saved now is a litre available later. The same logic applies over decades. The time to plan for the next dry summer is while this one is still fresh in the memory.`,
  },
  {
    slug: 'rain-brings-relief-but-hosepipe-ban-stays',
    headline: 'Heavy rain brings relief, but hosepipe ban stays for now',
    dek: 'Hollin Reservoir has risen for the first time in months, yet Ansel Valley Water says it needs sustained rainfall before lifting restrictions.',
    category: 'science-environment',
    tags: ['Water Supply', 'Climate', 'Wildlife'],
    authors: ['callum-reyes'],
    hoursAgo: 44,
    body: `Two days of heavy rain have raised the level of Hollin Reservoir for the first time since the spring, but Ansel Valley Water says the hosepipe ban that has been in place for more than a fortnight will stay until stocks recover further.

The reservoir rose from 29 to 32 per cent of its capacity after more than 60mm of rain fell across the upper Ansel valley. Much of the early rainfall ran straight off the hard, dry ground into rivers rather than soaking in, causing brief flooding on low-lying roads in Northcliff.

Dr Nadia Kerr, the company's head of water resources, said the rain was welcome but not enough. "After a drought, the ground acts like a sponge that has to be filled before water reaches the reservoir in any quantity," she said. "We need sustained rainfall over several months, not a couple of wet days."

> "We would rather keep the ban a little longer than lift it and have to bring it back." — Dr Nadia Kerr, Ansel Valley Water

The company said it would review the ban every fortnight and lift it once the reservoir returned to its normal range for the time of year. Customers have cut their use by about 12 per cent since the ban began.

Ecologists at the Ansel Estuary Trust said the rain would help the river, where low flows and warm water had stressed fish. Dr Mira Solberg, the trust's lead ecologist, said volunteers had rescued more than 300 trout from shrinking pools upstream during the dry spell.`,
  },

  // Storyline: the Harbourside by-election.
  {
    slug: 'harbourside-by-election-called',
    headline: 'By-election called in Harbourside after councillor steps down',
    dek: 'Peter Lowe, who represented the ward for 14 years, is leaving Merrowby to care for a relative.',
    category: 'city-hall',
    tags: ['Local Election', 'City Council'],
    authors: ['maren-oduya'],
    hoursAgo: 1150,
    body: `Voters in Harbourside will elect a new city councillor in just over six weeks after Peter Lowe announced that he was stepping down from Merrowby City Council.

Mr Lowe, who has represented the ward for 14 years, said he was moving away to care for his mother, who is ill. "It has been the privilege of my life to represent the place I grew up in," he said in a statement. "I'm sorry to leave before my term ends, but family comes first."

The ward covers the Old Town waterfront, the Custom House quarter and Gullstone, including the site of the former ropeworks where Saltline Homes has applied to build 420 homes. It has about 9,800 registered voters.

The council's returning officer confirmed that nominations would close in three weeks. Residents who are not registered to vote, or who want to vote by post, have until 12 working days before polling day to apply.

Tributes to Mr Lowe came from across the council chamber. The council leader, Cllr Martin Shoesmith, described him as "a councillor who answered every letter and knew every street". Cllr Ruth Adeyemi, chair of the planning committee, called him a "quiet, tireless" advocate for Harbourside residents.

The result will not change the overall balance of power on the council, where no group holds a majority.`,
  },
  {
    slug: 'gullstone-yard-and-bridge-dominate-harbourside-hustings',
    headline: 'Gullstone Yard and the bridge dominate Harbourside hustings',
    dek: 'Four candidates face questions from 150 residents at the Custom House ahead of the by-election.',
    category: 'city-hall',
    tags: ['Local Election', 'Housing', 'Harbour Bridge'],
    authors: ['maren-oduya'],
    hoursAgo: 450,
    body: `The four candidates hoping to become Harbourside's next city councillor faced more than two hours of questions at the Custom House this week, with housing at the former Gullstone ropeworks and the closure of Ansel Bridge dominating the evening. The candidates are:

- Alan Colby, Civic Alliance
- Sanjay Mercer, Independent
- Bea Ndlovu, Harbour First
- Lucy Tranter, Coastal Greens

On Gullstone Yard, all four said they wanted the site developed but differed on the terms. Ms Tranter said she would oppose any scheme offering less than the council's 35 per cent affordable housing target. Mr Colby said the council should "stop moving the goalposts" and let Saltline Homes get on with it. Mr Mercer, a pharmacist who has run a shop on Fore Street for 19 years, said the riverside park and school places should be secured before any homes were sold.

Ms Ndlovu, a former harbour pilot, drew applause when she called for the free shuttle ferry introduced during the bridge repairs to be made permanent. "We have found something that works," she said. "Why would we throw it away?"

Several residents asked about the council's handling of the bridge. Mr Colby said the emergency contract had been "the right call", while Mr Mercer said the delays showed the council needed to spend more on maintenance "before things break, not after".

The meeting was organised by the Gullstone Residents' Association and chaired by Margaret Ebbe, who said the association would not endorse any candidate.

Polling day is in just over two weeks.`,
  },
  {
    slug: 'sanjay-mercer-wins-harbourside-by-election',
    headline: 'Independent Sanjay Mercer wins Harbourside by-election',
    dek: 'The Fore Street pharmacist takes the seat by 212 votes on a turnout of 24 per cent.',
    category: 'city-hall',
    tags: ['Local Election', 'City Council'],
    authors: ['maren-oduya'],
    hoursAgo: 70,
    commentsOpen: false,
    body: `Sanjay Mercer, an independent candidate who has run a pharmacy on Fore Street for 19 years, has won the Harbourside by-election, taking the seat left vacant by the resignation of Peter Lowe.

Mr Mercer received 843 votes, 212 more than Bea Ndlovu of Harbour First. Turnout was 24 per cent, down from 36 per cent at the last full council elections in the ward. The full result was:

- Sanjay Mercer (Independent): 843
- Bea Ndlovu (Harbour First): 631
- Lucy Tranter (Coastal Greens): 488
- Alan Colby (Civic Alliance): 349

Speaking after the count at Merrowby Guildhall, Mr Mercer thanked voters and the other candidates. "I'm not a politician, and I've spent this campaign telling people that," he said. "What I am is someone who has listened to this neighbourhood across a shop counter for nearly 20 years. I intend to keep listening."

He said his priorities would be holding Saltline Homes to its commitments at Gullstone Yard, pressing for the Ansel Bridge repairs to be finished, and campaigning for a permanent ferry service, an idea first raised during the campaign by Ms Ndlovu.

Ms Ndlovu said she was proud of her campaign and congratulated Mr Mercer. Eleven ballot papers were rejected.

The result leaves no group with a majority on Merrowby City Council. Mr Mercer said he would not join any group but would judge each decision "on what it means for Harbourside".`,
  },
  {
    slug: 'one-in-four-voted-in-harbourside',
    headline: 'One in four voted in Harbourside. That should worry every party',
    dek: 'A low turnout is less a sign of apathy than of people not seeing what the council does for them.',
    category: 'opinion',
    tags: ['Local Election', 'City Council', 'Harbour Bridge'],
    authors: ['maren-oduya'],
    hoursAgo: 52,
    body: `Sanjay Mercer won the Harbourside by-election with 843 votes. That is a clear victory, and he deserves congratulations. It is also fewer than one in ten of the ward's registered voters.

A turnout of 24 per cent is not unusual for a by-election. But it should trouble everyone who wants local government to be taken seriously, because Harbourside is not a ward where nothing happens. In the past two months its residents have watched Ansel Bridge close to buses, a ferry appear on the river and a 420-home development at Gullstone argued over at length. If those things do not draw people to the polls, it is worth asking what would.

Talking to people in the Old Town during the campaign, I heard less indifference than uncertainty. Many did not know who their councillors were, or what a councillor could do about a bridge or a planning application. Several assumed the decisions were made somewhere else entirely.

## Some modest suggestions

There is no single fix, but a few changes would help:

- send every household a plain-English guide to what the council decides, and who decides it, before each election
- hold hustings in the evening and at weekends, and stream them
- publish councillors' voting records in a form people can actually search

Mr Mercer ran as someone who listens across a shop counter, and voters liked that. The real test, for him and for the council, is whether the other three quarters of Harbourside can be persuaded that it is worth turning up next time.`,
    comments: [
      {
        author: 'Lucy Pengelly',
        email: 'lucy.pengelly@example.org',
        body: 'I did not know there was an election until the day before. A leaflet through the door would have helped.',
      },
      {
        author: 'Graham Tonkin',
        email: 'graham.tonkin@example.com',
        body: 'Streaming the hustings is a good idea. I work evenings and could never get to one.',
      },
    ],
  },

  // Business.
  {
    slug: 'fisher-and-daughters-bakery-second-shop',
    headline: 'Fisher & Daughters bakery to open second shop in Eastquay',
    dek: 'The Old Town bakery will create 12 jobs, and its owners say the bridge closure convinced them to expand.',
    category: 'business',
    tags: ['Small Business', 'Jobs', 'Harbour Bridge'],
    authors: ['priya-castellane'],
    hoursAgo: 200,
    body: `Fisher & Daughters, the bakery on Custom House Lane known for its seeded sourdough and for queues that stretch down the street on Saturday mornings, is to open a second shop in Eastquay.

The new premises, a former bank on Eastquay Parade, will include a bakery kitchen, allowing the business to double its production. Owner Rosa Fisher, who founded the bakery 11 years ago and runs it with her daughters Ellie and Kat, said the expansion would create 12 jobs, including two apprenticeships.

Mrs Fisher said the closure of Ansel Bridge to buses had persuaded the family to act on a plan they had discussed for years. "We had regulars from Eastquay telling us they couldn't get to us any more," she said. "Some of them were taking the ferry across for a loaf. At that point you start to think maybe the bakery should come to them."

Ellie Fisher, who manages the kitchen, said the family had looked at bigger sites on the ring road but wanted to stay on a high street. "A bakery should be somewhere you walk to," she said. "We want people to pop in on their way somewhere, not drive to an industrial unit."

Declan Shaw, chief executive of Merrowby Chamber of Commerce, said the opening was a welcome sign for Eastquay traders, several of whom have reported falling trade during the bridge works. The shop is expected to open in about eight weeks.`,
    comments: [
      {
        author: 'Ellie Morcom',
        email: 'ellie.morcom@example.org',
        body: 'The cardamom buns alone will be worth the trip. Congratulations to the Fishers.',
        replies: [
          {
            author: 'Kat Fisher',
            email: 'kat.fisher@example.com',
            body: 'Thank you! The buns are coming to Eastquay too, we promise.',
          },
        ],
      },
    ],
  },
  {
    slug: 'eastquay-container-terminal-expansion-jobs',
    headline: 'Eastquay container terminal expansion to create 140 jobs',
    dek: 'Ansel Port Holdings will invest £36m in new cranes and a deeper berth to handle larger ships.',
    category: 'business',
    tags: ['Port', 'Jobs', 'Wildlife'],
    authors: ['priya-castellane'],
    hoursAgo: 900,
    corrections: [
      {
        hoursAfterPublish: 3,
        text: 'An earlier version of this article said the expansion would create 180 permanent jobs. The company expects to create 140 permanent jobs, plus about 180 during construction.',
      },
    ],
    body: `The operator of the Eastquay container terminal is to invest £36 million in new cranes and a deeper berth, a move it says will create 140 permanent jobs over the next three years.

Ansel Port Holdings said the expansion would allow the terminal to handle ships of up to 300 metres, about a third longer than the largest vessels that can dock there now. About 180 further jobs will be created during construction, which is due to begin within a year.

Chief executive Linda Marsh said shipping lines were moving to larger vessels and that without the investment the port risked losing business to bigger rivals along the coast. "This keeps Merrowby on the map for the companies that matter to us," she said. "If we stood still, we would slowly go backwards."

The plans require dredging a section of the Ansel channel. The Ansel Estuary Trust said it would examine the environmental assessment closely, particularly the effect on seagrass beds at Gull Sands, where the trust has been replanting. Ms Marsh said the dredging had been designed to avoid the restored areas and that the company would pay for monitoring.

The closure of Ansel Bridge to heavy vehicles means lorries serving the terminal currently use the ring road. Ms Marsh said the company had "full confidence" in the repair programme and that the expansion was not affected.

The council leader, Cllr Martin Shoesmith, said the jobs were "exactly the kind of skilled, well-paid work this city needs". The port currently employs about 620 people.`,
  },
  {
    slug: 'one-in-seven-shops-empty-survey',
    headline: "One in seven shops empty on Merrowby's high streets, survey finds",
    dek: 'Fore Street has fared better than most, but Eastquay Parade has been hit hard by the bridge closure.',
    category: 'business',
    tags: ['Small Business', 'Harbour Bridge', 'City Council'],
    authors: ['priya-castellane'],
    hoursAgo: 230,
    body: `One in seven shop units on Merrowby's main shopping streets is empty, according to a survey by Merrowby Chamber of Commerce, slightly above the national average.

The chamber counted 612 ground-floor units across the city's five main shopping areas and found 87 vacant. The rate varied widely:

- Fore Street: 9 per cent
- Old Town and Custom House Lane: 11 per cent
- Northcliff Broadway: 14 per cent
- Gullstone and Ropewalk Street: 17 per cent
- Eastquay Parade: 22 per cent

Declan Shaw, the chamber's chief executive, said Eastquay's figure reflected long-term changes as well as the closure of Ansel Bridge to buses. "Some of those units were struggling before the bridge closed," he said. "But losing the buses has taken footfall away at exactly the wrong moment, and we have had three closures in the last two months."

The survey found that cafés, hairdressers and independent food shops were the most resilient kinds of business, while clothing shops and banks had given up the most space. Several landlords were offering shorter leases and rent-free periods to attract tenants.

The chamber has asked Merrowby City Council to extend a business rates relief scheme to shops affected by the bridge works, and to allow empty units to be used for pop-up shops and events while they wait for tenants.

A council spokesperson said the request was being considered and that a decision would be made as part of the budget.`,
  },

  // Culture.
  {
    slug: 'lantern-festival-returns-with-river-parade',
    headline: 'Lantern Festival returns with a night parade along the river',
    dek: "This year's programme includes a floating lantern trail, 40 free events and a new commission from local artists.",
    category: 'culture',
    tags: ['Festival', 'Arts', 'Tourism'],
    authors: ['ines-marlowe'],
    hoursAgo: 150,
    featuredImage: {
      alt: 'Paper lanterns shaped like fish carried by a crowd along a riverside path at dusk',
      caption: 'Lanterns made in library workshops are carried in the festival parade.',
      credit: 'Photo: Kit Rowse / The Merrowby Courier',
    },
    body: `The Merrowby Lantern Festival will return next month with its biggest programme yet, including a night parade along the riverside and a trail of floating lanterns between the Custom House and Gullstone.

Now in its 14th year, the festival began as a single evening of lantern-making workshops in a church hall and now draws an estimated 40,000 visitors over four days. This year's programme includes more than 40 free events, from storytelling and shadow puppetry to a silent disco on the Old Town quay.

Festival director Aiyana Brook said the parade would cross Ansel Bridge for the first time, if repairs are complete. "The bridge has been a symbol of what divides the city this year," she said. "We'd like it to be where everyone comes together again, carrying lanterns."

## The highlights

- **Tidelines**, a new commission from the Eastquay artists' collective Driftwork, made from 300 recycled buoys
- lantern-making workshops in every city library, free for all ages
- a closing concert by the Merrowby Sea Shanty Choir on the harbour steps

Ms Brook said the floating lanterns would be made from biodegradable paper and collected by volunteers in boats. The Ansel Estuary Trust has advised on the route so that it avoids disturbing wildlife on the mudflats.

Workshops open for booking next week, and the full programme is available from libraries and on the festival's website.`,
  },
  {
    slug: 'maritime-museum-reopens-harbour-gallery',
    headline: 'Maritime Museum reopens its harbour gallery after two-year refit',
    dek: 'A restored pilot boat and an oral history of the Gullstone ropeworks are the centrepieces of the new displays.',
    category: 'culture',
    tags: ['Arts', 'Tourism', 'Port'],
    authors: ['ines-marlowe'],
    hoursAgo: 980,
    featuredImage: {
      alt: 'A varnished wooden boat on display beneath a glass roof in a museum gallery',
      caption: 'The pilot boat Kittiwake, restored by volunteers over four years.',
      credit: 'Photo: Merrowby Maritime Museum',
    },
    body: `Merrowby Maritime Museum has reopened its main harbour gallery after a two-year, £2.3 million refit, with displays that tell the story of the port through the people who worked in it.

The centrepiece is the Kittiwake, a wooden pilot boat built in Merrowby in 1911 that guided ships through the Ansel channel for more than half a century. Restored by volunteers over four years, it now sits beneath a new glass roof on the site of the museum's old courtyard.

Curator Felix Harrow said the museum had wanted to move away from displays "that were mostly about ships, and not very much about people". A new sound installation, The Long Walk, features the recorded memories of 23 former workers at the Gullstone ropeworks, where rope was made by hand along a quarter-mile shed until the 1970s.

> "My mother could tell what weather was coming by how the hemp felt in her hands. That's in there, in her own voice. I never thought a museum would want that." — Jean Pollard, whose mother worked at the ropeworks

The refit was paid for by a heritage grant, Merrowby City Council and more than 900 individual donations. The gallery is fully accessible for the first time, with a lift to the mezzanine and large-print and audio guides.

Entry to the museum remains free. Mr Harrow said the museum was also working with Saltline Homes to record and preserve features of the ropeworks site before any building begins there.`,
  },
  {
    slug: 'review-salt-at-the-lyceum',
    headline: 'Review: "Salt" at the Lyceum is a quiet, devastating storm',
    dek: "Jess Kavanagh's new play about a fishing family's last season is the best thing the theatre has staged in years.",
    category: 'culture',
    tags: ['Arts', 'Reviews'],
    authors: ['ines-marlowe'],
    hoursAgo: 120,
    body: `There is a moment, about halfway through Jess Kavanagh's new play, when a father and his grown-up son sit mending a net in silence for what feels like a full minute. Nothing happens. It is the most gripping minute I have spent in a theatre this year.

Salt, which opened at the Lyceum this week, follows the Penrose family through what may be the last season of their inshore fishing boat. Dan Penrose, played with weathered stubbornness by Owen Carvell, cannot imagine a life ashore. His son Michael (Ravi Sandhu) can imagine little else. Between them is Dan's wife, Anna, to whom Maeve Connolly gives a dry wit that keeps the play from sinking under its own weight.

Kavanagh, who grew up in Eastquay, writes dialogue that sounds overheard rather than composed. Arguments start with the price of fuel and end somewhere else entirely. Nobody makes a speech about the decline of an industry; the decline is simply there, in the unpaid bills on the kitchen table and the empty moorings outside the window.

Director Hannah Oakes keeps the staging spare. Tom Lyle's set is little more than a kitchen and a slipway, lit in colder and colder blues as the season turns, and the sound of the sea, never quite absent, becomes almost a fourth character.

The second act loses a little momentum, with a scene in a harbour pub that seems to belong to a different play. But it recovers for an ending that is quietly shattering without a single raised voice.

Salt runs at the Lyceum for four weeks. Go.`,
    comments: [
      {
        author: 'Rob Jewell',
        email: 'rob.jewell@example.org',
        body: 'Saw it on opening night and agree with every word, including the bit about the pub scene.',
      },
      {
        author: 'Sarah Nankervis',
        email: 'sarah.nankervis@example.com',
        body: 'My grandfather fished out of Eastquay. I had to step out at the interval for a minute. Extraordinary writing.',
        replies: [
          {
            author: 'Alex Trethewey',
            email: 'alex.trethewey@example.org',
            body: 'Same with my dad. It felt like watching our own kitchen.',
          },
        ],
      },
    ],
  },

  // Science and environment.
  {
    slug: 'volunteers-plant-seagrass-at-gull-sands',
    headline: 'Volunteers plant 50,000 seagrass seeds at Gull Sands',
    dek: 'The Ansel Estuary Trust hopes to restore meadows lost in the 20th century, which store carbon and shelter young fish.',
    category: 'science-environment',
    tags: ['Wildlife', 'Climate'],
    authors: ['callum-reyes'],
    hoursAgo: 1200,
    featuredImage: {
      alt: 'Volunteers in waders bending over shallow water at low tide, planting small hessian bags',
      caption: 'Volunteers plant seagrass seeds in hessian bags at Gull Sands.',
      credit: 'Photo: Ansel Estuary Trust',
    },
    body: `More than 60 volunteers waded into the shallows at Gull Sands at low tide this week to plant 50,000 seagrass seeds, the largest single planting yet by the Ansel Estuary Trust.

Seagrass once covered much of the lower estuary, but surveys suggest more than 90 per cent of it was lost during the 20th century to pollution, disease and damage from boat moorings. The trust began trying to bring it back three years ago.

Dr Mira Solberg, the trust's lead ecologist, said the meadows were among the most valuable habitats on the coast. "Seagrass stores carbon in the sediment, it calms the water, and it gives young fish such as bass and plaice somewhere to hide," she said. "When it comes back, a whole community of life comes back with it."

The seeds were collected from a healthy meadow further along the coast, then kept over the winter in tanks at the trust's base in Eastquay. Volunteers planted them in small hessian bags filled with sediment, which are pressed into the seabed and slowly rot away.

Early results are encouraging. Patches planted in the first year have spread, and divers recorded a seahorse among them last summer, the first seen in the estuary for decades.

Dr Solberg said the biggest threat to the project was anchors and mooring chains. The trust is working with Merrowby's sailing clubs to install moorings that do not drag across the seabed.`,
  },
  {
    slug: 'record-seal-pups-counted-on-the-skerries',
    headline: 'Record 58 grey seal pups counted on the Skerries',
    dek: 'Volunteers say the colony is thriving, but ask walkers and kayakers to keep their distance.',
    category: 'science-environment',
    tags: ['Wildlife', 'Tourism'],
    authors: ['callum-reyes'],
    hoursAgo: 3,
    featuredImage: {
      alt: 'A white-coated grey seal pup lying on a rock beside an adult seal',
      caption: 'A pup and its mother on the Skerries, photographed with a long lens from a boat.',
      credit: 'Photo: Ansel Estuary Trust',
    },
    body: `Volunteers monitoring the grey seal colony on the Skerries, the rocky islets off Northcliff Point, have counted 58 pups this season, the highest number since records began in 1998.

The count, carried out by the Ansel Estuary Trust with help from Northcliff Sailing Club, is made from boats and from the cliff top with telescopes, so that the animals are not disturbed. Ten years ago the colony produced 31 pups.

Dr Mira Solberg, the trust's lead ecologist, said the rise reflected a wider recovery in grey seal numbers around the coast, as well as the fact that the Skerries are hard to reach. "Seals need somewhere quiet to have their pups and feed them for the first few weeks," she said. "These rocks give them that, as long as people give them space."

## How to watch seals safely

The trust asks anyone walking the coast path or out on the water to:

- stay at least 100 metres away from seals on land, and further from mothers with pups
- keep dogs on leads near the cliff edge
- never try to touch, feed or move a pup, even one that seems to be alone

A pup on its own is usually not abandoned, Dr Solberg said, because mothers leave their young for hours at a time to feed at sea. Anyone who sees a seal that appears injured should call the trust's rescue line rather than approach it.

The trust is running guided seal walks from the Northcliff car park on weekend mornings until the end of the pupping season.`,
  },

  // News.
  {
    slug: 'st-aldrics-pupils-return-after-roof-repairs',
    headline: "Pupils return to St Aldric's Primary after summer of roof repairs",
    dek: 'The school spent the first days of term in temporary classrooms after asbestos removal overran.',
    category: 'news',
    tags: ['Schools', 'City Council', 'Budget'],
    authors: ['tom-hallett'],
    hoursAgo: 1320,
    body: `Pupils at St Aldric's Primary School in Northcliff returned to their own classrooms this week, after repairs to the school's roof overran the summer holidays and sent its 340 pupils into temporary buildings for the first days of term.

The £780,000 project replaced a flat roof that had leaked for several winters. Merrowby City Council, which maintains the building, said the work was delayed when contractors found more asbestos in the ceiling void than earlier surveys had shown.

Head teacher Grace Okonjo said the school community had "taken it in its stride". Four mobile classrooms were set up on the playing field, and the hall was split into two teaching spaces with folding screens. "The children thought it was an adventure," she said. "The staff were a little less sure, but they were wonderful."

Some parents complained that they were told about the delay only days before term began. Jodie Carr, who has two children at the school, said families had "scrambled" to find out what was happening. "Nobody minds a delay if it keeps children safe," she said. "We just wanted to know sooner."

The council said it had reviewed how it communicates with schools during building work and apologised for the short notice. It has set aside £3.1 million over the next two years for roof repairs at nine other schools in the city, including Kestrel Lane Primary in Gullstone.`,
  },

  // Translations.
  {
    slug: 'les-bus-reviennent-sur-le-pont-ansel',
    headline: 'Les bus vont de nouveau franchir le pont Ansel après des essais de charge réussis',
    dek: "Les lignes 4, 7 et 12 retrouvent leur itinéraire habituel, mais les poids lourds devront attendre la pose des nouveaux appareils d'appui.",
    category: 'transport',
    tags: ['Harbour Bridge', 'Public Transport', 'Roads'],
    authors: ['tom-hallett'],
    hoursAgo: 18,
    translationOf: 'buses-return-to-ansel-bridge',
    language: 'fr',
    body: `Les bus pourront de nouveau traverser le pont Ansel dès le début de la semaine prochaine, les poutres remplacées sur la travée est ayant passé avec succès une série d'essais de charge, a confirmé le conseil municipal de Merrowby.

Pendant la nuit, les ingénieurs de Tidewell Engineering ont stationné des camions lestés à des points précis du tablier, tandis que des capteurs mesuraient la déformation du nouvel acier. Selon Helena Brisk, ingénieure en chef de la ville, les relevés sont « largement dans les limites fixées et conformes aux prévisions du calcul ».

La compagnie Merrowby Coastline Buses a annoncé que les lignes 4, 7 et 12 reprendraient leur itinéraire habituel par la vieille ville. Cela met fin à une déviation par le pont routier de Northcliff qui allongeait certains trajets de 25 minutes depuis près de deux mois.

Le pont restera toutefois fermé aux véhicules de plus de 18 tonnes et ne sera pas levé pour laisser passer les navires tant que les nouveaux appareils d'appui n'auront pas été posés. Tidewell prévoit leur livraison d'ici trois semaines, suivie d'une quinzaine de jours de travaux.

> « L'attente a été longue pour les habitants d'Eastquay, et je tiens à les remercier de leur patience. Ce n'est pas terminé, mais c'est l'étape qui change le plus la vie quotidienne. » — Owen Pryce, président de la commission des transports

La navette fluviale gratuite entre Eastquay et les marches de la Custom House fonctionnera selon un horaire réduit le mois prochain. Ansel Ferries indique que la fréquentation a été suffisante pour que le conseil envisage un service permanent, et un rapport doit être présenté à la commission des transports.

Chloe Amadi, infirmière qui prend la navette chaque jour depuis son lancement, compte continuer. « Je me suis habituée au bateau, dit-elle. Je ne reprendrai peut-être pas le bus. »`,
  },
  {
    slug: 'merrowby-prohibe-el-uso-de-mangueras',
    headline: 'Merrowby prohibirá el uso de mangueras ante la caída del embalse de Hollin',
    dek: 'Ansel Valley Water afirma que la restricción, la primera desde 2006, seguirá vigente hasta que el embalse se recupere.',
    category: 'science-environment',
    tags: ['Water Supply', 'Heatwave', 'Climate'],
    authors: ['callum-reyes'],
    hoursAgo: 590,
    translationOf: 'hosepipe-ban-to-begin-across-merrowby',
    language: 'es',
    body: `La prohibición de usar mangueras entrará en vigor dentro de una semana en Merrowby y en todo el valle del Ansel, después de que el embalse de Hollin cayera al 34 por ciento de su capacidad tras otra semana de calor y sequía.

Ansel Valley Water ha explicado que la medida, denominada oficialmente prohibición temporal de uso, es la primera en la región desde 2006. Afecta a unos 310.000 hogares y empresas.

## Qué queda prohibido

Mientras dure la prohibición, no se podrá usar una manguera para:

- regar jardines o huertos
- lavar coches, barcos o caravanas
- llenar piscinas hinchables o estanques ornamentales
- limpiar paredes, ventanas o patios

Sí se podrán seguir utilizando regaderas, cubos y el agua de los depósitos de lluvia. Hay excepciones para las personas con tarjeta de estacionamiento para discapacidad y por motivos de salud y seguridad, y los negocios que dependen del agua, como los túneles de lavado y los viveros, se rigen por normas específicas.

La doctora Nadia Kerr, responsable de recursos hídricos de Ansel Valley Water, aseguró que la decisión no se ha tomado a la ligera. «Nuestros clientes ya han hecho un gran esfuerzo por reducir su consumo, y se lo agradecemos», dijo. «Pero las previsiones no apuntan a lluvias importantes, y tenemos la obligación de proteger el suministro durante el otoño».

La empresa también está reparando las fugas con mayor rapidez, con equipos adicionales que trabajan los fines de semana. Quien incumpla la prohibición puede recibir una multa de hasta 1.000 libras, aunque la compañía confía sobre todo en la buena voluntad de los vecinos.`,
  },
];

/** Static pages for the demo site. */
export const demoPages: DemoPage[] = [
  {
    slug: 'about',
    headline: 'About the Courier',
    body: `The Merrowby Courier is an independent online newspaper covering the city of Merrowby and the Ansel valley: the council, the port, the river, the high street, Merrowby Rovers and the arts.

We are a small newsroom of six journalists. We try to report what happens, explain why it matters and tell you plainly when we are not sure. We do not take money from the people and organisations we write about.

## This is demonstration content

The Merrowby Courier, its staff, the city of Merrowby and every person and organisation in its stories are fictional. They exist to show what a site built with Broadsheet looks like. Replace or delete them whenever you are ready.`,
  },
  {
    slug: 'contact',
    headline: 'Contact us',
    body: `We would like to hear from you, whether you have a story, a question about something we published or a correction to suggest.

- News tips: newsdesk@example.org
- Corrections: corrections@example.org
- Letters for publication: letters@example.org
- Advertising: advertising@example.org

If you need to contact us securely about a sensitive story, say so in your first message and an editor will reply with options.

We read everything that is sent to us, although we cannot always reply to every message.`,
  },
  {
    slug: 'corrections-policy',
    headline: 'Corrections policy',
    body: `We work hard to get things right, and when we get something wrong we say so.

If an article contains a significant error of fact, we correct it as soon as we can and add a note at the end explaining what was wrong and what we changed. We do not quietly edit published articles to remove mistakes. Small changes to spelling, grammar or style are made without a note.

To report an error, email corrections@example.org with a link to the article and a description of the problem. An editor reviews every report, usually within one working day.

## Comments

Comments are moderated. Most appear straight away; some are held in the moderation queue until an editor has read them. We remove comments that are abusive, defamatory or spam. Comments are closed on some articles, such as election results, at the editor's discretion.`,
  },
];
