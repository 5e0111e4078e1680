/**
 * English words for toponym detection. General language, not knowledge of any conflict: which
 * small words may sit inside a place name, which words before a name signal a location, and which
 * capitalised words are so often something else that a gazetteer hit on them alone means nothing.
 */

/** Lower-case words allowed inside a multi-word place name ("Bay of Bengal", "Rio de Janeiro"). */
export const CONNECTORS = new Set(['of', 'de', 'del', 'la', 'le', 'du', 'des', 'da', 'do', 'dos', 'di', 'upon', 'on', 'al', 'el', 'ez', 'az', 'as', 'ash', 'ar', 'ad', 'and', 'the', 'bin', 'bani', 'abu', 'umm']);

/** Words (and two-/three-word phrases) after which a capitalised name is likely a place. */
export const LOCATIVE_CUES = new Set([
  'in', 'near', 'at', 'outside', 'from', 'to', 'into', 'across', 'towards', 'toward', 'around', 'via', 'through', 'throughout',
  'north of', 'south of', 'east of', 'west of', 'northeast of', 'northwest of', 'southeast of', 'southwest of', 'outskirts of',
  'town of', 'city of', 'village of', 'villages of', 'province of', 'district of', 'region of', 'area of', 'capital of', 'suburb of',
  'the town of', 'the city of', 'the village of', 'the province of', 'the district of', 'the region of', 'the outskirts of',
  'based in', 'born in', 'visit to', 'trip to', 'arrived in', 'located in', 'headquartered in', 'lives in', 'resident of',
  // War reporting: what is shelled, stormed or recaptured is a place.
  'shelled', 'bombed', 'bombarded', 'stormed', 'captured', 'recaptured', 'retook', 'besieged', 'liberated', 'overran', 'entered',
  'shelling of', 'siege of', 'battle of', 'fall of', 'capture of', 'liberation of', 'outskirts', 'countryside of',
]);

/** Words that, following a name, make it a place name's part ("Anbar Province", "Granville County"). */
export const PLACE_HEADS = new Set([
  'province', 'governorate', 'district', 'county', 'parish', 'region', 'city', 'state', 'river', 'valley', 'desert', 'mountains',
  'sub-district', 'subdistrict', 'prefecture', 'oblast', 'canton', 'island', 'islands', 'lake', 'dam', 'plains', 'plain',
]);

/**
 * Capitalised words that are also the name of some small town somewhere but, in running text, are
 * nearly always something else: calendar words, titles, institutions, pronouns and function words at
 * the start of a sentence, and common first names. A gazetteer hit on one of them alone is ignored;
 * an entity mention or a multi-word name still counts.
 */
export const NOT_PLACE_WORDS = new Set(
  `
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september
october november december today tomorrow yesterday
mr mrs ms dr president minister prime secretary general colonel col gen lt sgt major captain commander chief director officer
spokesman spokeswoman governor mayor senator king queen prince sheikh pope judge police army navy government ministry council
court parliament congress senate party forces force coalition state states republic kingdom union office department agency
university school college hospital church mosque center centre airport station news times post press reuters associated
the a an and but or if in on at to of for by with from as is it its this that these those there their they he she we you i
his her our my your who what when where why how all some many most more no not one two three four five first second new old
after before during while since until over under about against between among also however meanwhile according
god allah islam islamic muslim christian jewish arab arabs western eastern northern southern central
said says told added officials official sources source people report reports video photo image images
white black red green blue gold silver golden
police man men woman women boy girl child children family home house hall street road avenue square park bridge
north south east west northeast northwest southeast southwest
early late mid middle upper lower
media social online internet
mark john james david michael paul peter george william thomas robert richard charles joseph daniel matthew andrew
ali omar hassan hussein ahmed mohammed muhammad abdullah mustafa khalid ibrahim
victoria florence orange mobile reading bath nice split eagle hope faith grace liberty independence unity progress
federal national royal united international popular democratic liberal conservative republican labour christmas easter
city park real can main san santa saint st mount lake river valley bay beach port fort island islands county province
`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Words of direction and position. A span made only of them ("South", "Far North", "North West") is a
 * direction or a vague region in running text, even where some country has a province of that name.
 */
export const DIRECTIONAL = new Set([
  'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'far', 'upper', 'lower', 'middle',
  'northeast', 'northwest', 'southeast', 'southwest', 'north-east', 'north-west', 'south-east', 'south-west', 'northeastern',
  'northwestern', 'southeastern', 'southwestern', 'mid', 'inner', 'outer', 'greater', 'deep', 'the',
]);
