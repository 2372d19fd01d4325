/**
 * Past tenses and participles of common English irregular verbs, mapped to the base form, so "began"
 * meets "begin" and "fled" meets "flee" — Porter stemming only strips regular suffixes. Applied to
 * folded words before stemming, on both sides. Forms that are also common other words ("left",
 * "lead", "saw", "found", "felt", "lay", "ground", "rose", "bore") are left out: conflating them
 * would cost more than it gains.
 */
const TABLE = `arise:arose,arisen awake:awoke,awoken be:was,were,been bear:borne beat:beaten become:became
begin:began,begun bend:bent bet: bid: bind:bound bite:bit,bitten bleed:bled blow:blew,blown break:broke,broken
breed:bred bring:brought build:built burn:burnt burst: buy:bought catch:caught choose:chose,chosen
cling:clung come:came cost: creep:crept cut: deal:dealt dig:dug do:did,done draw:drew,drawn dream:dreamt
drink:drank,drunk drive:drove,driven eat:ate,eaten fall:fell,fallen feed:fed fight:fought
flee:fled fly:flew,flown forbid:forbade,forbidden forget:forgot,forgotten forgive:forgave,forgiven
freeze:froze,frozen get:got,gotten give:gave,given go:went,gone grind: grow:grew,grown hang:hung
have:had hear:heard hide:hid,hidden hit: hold:held hurt: keep:kept kneel:knelt know:knew,known
lend:lent let: light:lit lose:lost make:made mean:meant meet:met pay:paid prove:proven put: quit:
read: ride:rode,ridden ring:rang,rung rise:risen run:ran seek:sought sell:sold send:sent
set: shake:shook,shaken shed: shine:shone shoot:shot show:shown shrink:shrank,shrunk shut: sing:sang,sung
sink:sank,sunk sit:sat sleep:slept slide:slid speak:spoke,spoken speed:sped spend:spent spin:spun
split: spread: spring:sprang,sprung stand:stood steal:stole,stolen stick:stuck sting:stung stink:stank
strike:struck,stricken strive:strove,striven swear:swore,sworn sweep:swept swim:swam,swum swing:swung
take:took,taken teach:taught tear:tore,torn tell:told think:thought throw:threw,thrown
understand:understood undertake:undertook,undertaken upset: wake:woke,woken wear:wore,worn
weave:wove,woven weep:wept win:won wind:wound withdraw:withdrew,withdrawn write:wrote,written
forecast: overcome:overcame oversee:oversaw,overseen overtake:overtook,overtaken overthrow:overthrew,overthrown
seize:seized sell:sold shoot:shot slay:slew,slain sow:sown swell:swollen tread:trod,trodden`;

const IRREGULAR = new Map<string, string>();
for (const entry of TABLE.split(/\s+/)) {
  const [base, forms] = entry.split(":");
  if (!base || !forms) continue;
  for (const form of forms.split(",")) if (form && form !== base) IRREGULAR.set(form, base);
}

/** The base form of an irregular past tense or participle, or the word itself. */
export function baseForm(folded: string): string {
  return IRREGULAR.get(folded) ?? folded;
}
