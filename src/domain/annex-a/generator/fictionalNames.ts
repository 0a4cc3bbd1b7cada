/** Fictional teams, workers and organisations for synthetic data; no real people or places. */
export const TEAMS = {
  front: [
    'Front Door Team',
    'Multi Agency Safeguarding Hub',
    'Duty and Assessment Team 1',
    'Duty and Assessment Team 2',
  ],
  locality: ['Locality North Team', 'Locality South Team', 'Locality East Team', 'Children with Disabilities Team'],
  care: ['Children in Care Team 1', 'Children in Care Team 2'],
  leaving: ['Leaving Care Team'],
} as const

const FIRST = [
  'Alex',
  'Sam',
  'Jordan',
  'Casey',
  'Robin',
  'Morgan',
  'Jamie',
  'Taylor',
  'Ellis',
  'Rowan',
  'Quinn',
  'Avery',
]
const LAST = [
  'Ashdown',
  'Brightwater',
  'Caldmore',
  'Dunmere',
  'Elmstead',
  'Fenwright',
  'Greystoke',
  'Hollins',
  'Ivel',
  'Juniper',
]

export const WORKERS: readonly string[] = FIRST.flatMap(first => LAST.map(last => `${first} ${last}`))

export const EARLY_HELP_ORGANISATIONS = [
  'Early Help Hub North',
  'Early Help Hub South',
  'Riverside Family Centre',
  'Oakfield Academy',
]

export const PLACEMENT_TOWNS = ['Home Town', 'Other Town', 'Riverford', 'Westmere']
