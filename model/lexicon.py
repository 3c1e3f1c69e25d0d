"""Word lists behind the wording cues: how strongly a sentence claims, and whether it claims.

Each category becomes one feature. The lists describe general English health-claim wording
(hedges, certainty, scope, causation, pseudo-scientific mechanisms, page furniture); they name
no particular treatment or condition, so the cues carry over to topics the model never saw.
"""

HEDGE = """
may | might | could | possibly | perhaps | probably | likely | unlikely | potential |
potentially | suggest | suggests | suggested | suggesting | appear to | appears to | seem to |
seems to | preliminary | early research | early evidence | some evidence | limited evidence |
modest | modestly | slight | slightly | small | some people | some patients | in some |
mixed | inconclusive | uncertain | unclear | more research | further research | more studies |
tentative | tend to | tends to | indicate | indicates | hint | hints | promising
"""

EVIDENCE_REFERENCE = """
study | studies | trial | trials | review | reviews | meta analysis | meta analyses |
systematic | randomised | randomized | controlled | cochrane | research | researchers |
evidence | participants | published | journal | findings | data | analysis | analyses |
found | showed | shown | observed | according to | guidelines | experts | scientists |
clinical | placebo | cohort | survey | nih | who | cdc | nhs | fda
"""

CERTAINTY = """
proven | proof | clinically proven | scientifically proven | guaranteed | guarantee |
guarantees | definitely | certainly | undeniably | undoubtedly | no doubt | without doubt |
without a doubt | absolutely | 100% | 100 percent | always works | never fails | fact |
there is no question | is the answer | surefire | sure fire | truly | confirmed |
safe and effective | safe and natural | effective and safe | works every time
"""

MAGNITUDE = """
dramatically | drastically | massively | hugely | completely | totally | entirely | fully |
instantly | immediately | overnight | permanently | forever | for good | miracle | miraculous |
breakthrough | revolutionary | powerful | incredible | amazing | remarkable | astonishing |
best | the best | number one | most effective | superior | ultimate | eliminate | eliminates |
eliminated | eradicate | eradicates | cure | cures | cured | curing | gone | disappear |
disappeared | transform | transforms | life changing | wonder | superfood | strongest |
far more | much more | huge
"""

SCOPE = """
anyone | anybody | everyone | everybody | all | every | any | whatever | no matter |
universal | universally | each and every | regardless | whoever | all ages | all types |
any condition | any disease | every condition | everything | anything
"""

INTENSIFIER = """
very effective | highly effective | extremely effective | incredibly effective | very |
highly | extremely | particularly helpful | especially helpful | really works | really |
significantly | greatly | vastly | vast | considerable | considerably | major | massive |
key | essential | vital | crucial | perfect | ideal | excellent | great | fantastic |
exceptional | unbeatable | unmatched | unrivalled | unparalleled | second to none |
definitely worth | well worth | must have | game changer | game changing | secret |
particularly | especially | popular | popularity | more and more people | growing number
"""

BREADTH = """
a range of | a wide range of | wide range | a variety of | variety of | various | numerous |
countless | many conditions | many ailments | most types | all types | all kinds |
a host of | whole host | wide array | an array of | a number of conditions | many benefits |
multiple benefits | many health benefits | and more | and much more | and other conditions |
head to toe | from head to toe | whole body | overall health | total wellness
"""

ANECDOTE = """
patients report | patients say | clients report | clients say | customers say |
customers report | users say | users report | people say | many people find |
people swear | swear by | our patients | our clients | our customers | testimonial |
testimonials | reviews say | five star | 5 star | worked for me | works for me |
changed my life | i recommend | highly recommend | i swear
"""

SAFETY = """
safe | safer | safest | no side effects | side effect free | without side effects | risk free |
harmless | natural | all natural | gentle | non invasive | drug free | chemical free
"""

STRONG_CAUSAL = """
causes | cause | caused | prevents | prevent | prevented | treats | treat | treated | heals |
heal | healed | reverses | reverse | reversed | stops | stop | kills | kill | fixes | fix |
eradicates | leads to | lead to | results in | result in | triggers | protects | protect |
restores | restore | repairs | repair | works | effective | relieves | relieve | reduces |
reduce | reduced | improves | improve | improved | lowers | lower | boosts | boost |
strengthens | eases | ease | alleviates | helps | help | helped | benefit | benefits |
beneficial | fights | fight | combats | slows | speeds up | supports | support | enhances |
increases | decreases | relief | recovery | effectiveness | efficacy | works wonders
"""

CORRELATIONAL = """
linked | link | links | associated | association | associations | correlated | correlation |
correlates | tied to | connected to | related to | risk of | lower risk | higher risk
"""

NEGATIVE_FINDING = """
no evidence | no good evidence | no reliable evidence | no convincing evidence |
no scientific evidence | no strong evidence | no clear evidence | no high quality evidence |
little evidence | insufficient evidence | lack of evidence | lacks evidence | not enough evidence |
no better than | not better than | no more effective | not more effective | not effective |
ineffective | no effect | no effects | no benefit | no significant | not significantly |
failed to | fail to | fails to | did not | does not | do not | didn't | doesn't | don't |
has not been shown | have not been shown | not been proven | not proven | unproven |
not supported | not recommended | myth | debunked | no proof | no reason to | no more than
"""

NEGATION = """
not | no | never | nothing | none | neither | nor | without | cannot | can't | won't | isn't |
aren't | wasn't | weren't | don't | doesn't | didn't
"""

PSEUDO_MECHANISM = """
energy | energies | energetic | qi | chi | ki | prana | life force | vital force |
vital energy | negative energy | blocked energy | energy field | energy fields | aura | auras |
chakra | chakras | vibration | vibrations | vibrational | frequency | frequencies | resonance |
toxin | toxins | toxic | detox | detoxify | detoxifies | detoxifying | detoxification |
cleanse | cleanses | cleansing | purify | purifies | purifying | impurities | flush out |
flushes out | alkaline | alkalise | alkalises | alkalize | alkalizes | alkalising | alkalizing |
acidic | acidity | ph balance | balance | balances | balancing | rebalance | rebalances |
harmonise | harmonize | harmonises | harmonizes | harmony | realign | realigns | alignment |
meridian | meridians | subluxation | subluxations | innate intelligence | quantum |
water memory | memory of water | miasm | miasms | spiritual | healing crystals | crystal |
crystals | holistic | imbalance | imbalances | unblock | unblocks | blockages | blocked |
stagnant | stagnation | yin | yang | doshas | dosha | parasites | heavy metals | root cause |
body's natural | self heal | self healing | natural healing | wholeness | universal energy
"""

STATISTIC_SOURCE = """
study | studies | trial | trials | review | reviews | meta analysis | survey | surveys |
research | researchers | published | journal | data | cochrane | according to | analysis |
cohort | census | report | reported | cdc | who | nhs | nih
"""

FIRST_PERSON = """
i | i'm | i've | i'd | my | me | myself | mine
"""

CALL_TO_ACTION = """
book | booking | call | contact | schedule | order | buy | shop | subscribe | sign up |
click | visit | email | register | join | download | learn more | read more | find out |
get started | request | add to cart | checkout | free consultation | use code | discount |
offer | sale | save | today | now | enquire | inquire | follow us | share | newsletter |
get in touch | reach out | let us | we offer | appointment | appointments | ask us
"""

PROCEDURE = """
session | sessions | lasts | last about | minutes | minute | hour | hours | typically |
usually | during | first visit | consultation | practitioner | therapist | therapists |
inserts | insert | inserted | lie | lying | needle | needles | placed | applied | apply |
you will | we will | is performed | are performed | is done | capsule | capsules | tablet |
tablets | dose | doses | dosage | daily | take | taken | mix | stir | drink | swallow |
treatment plan | course of | weeks | week | step | steps | process | procedure | involves |
involve | consists | performed | you may feel | you might feel | you will feel | may experience |
sensation | sensations | discomfort | tingling | twitch | dull ache | wear | loose clothing |
beforehand | afterwards | after the session | before your | follow up | follow up sessions
"""

REPORT_OF_USE = """
used to treat | is used | are used | used for | commonly used | often used | widely used |
is offered | are offered | we offer | practitioners use | therapists use | doctors use |
is employed | can be employed | is practised | is practiced | is given | are given |
is prescribed | is available | are available | is sold | comes in
"""

LOGISTICS = """
open | opening | opening hours | closed | monday | tuesday | wednesday | thursday | friday |
saturday | sunday | am | pm | price | prices | pricing | cost | costs | $ | € | £ | fee |
fees | address | parking | insurance | located | location | street | phone | copyright |
privacy | cookies | cookie | menu | home | about us | faq | shipping | delivery | returns |
terms | conditions apply | posted | updated | comments | reply | login | log in | cart
"""

DEFINITION_HISTORY = """
is a | is an | are a | refers to | refer to | known as | called | defined as | definition |
was developed | developed by | founded | invented | originated | originates | origin |
origins | century | centuries | years ago | history | historically | traditional |
traditionally | ancient | derived | comes from | dates back | practice of | form of | type of |
kind of | consists of | term | word | means
"""

DISCLAIMER = """
not intended to | does not replace | do not replace | medical advice | consult your |
consult a | talk to your doctor | speak with | speak to your | not a substitute |
evaluated by the food and drug administration | for informational purposes |
informational purposes | educational purposes | results may vary | individual results |
seek medical | your doctor | healthcare provider | health care provider | gp | disclaimer
"""

QUESTION_START = """
what | why | how | when | where | who | which | does | do | is | are | can | should | will |
would | could | did
"""

CATEGORIES = {
    "hedge": HEDGE,
    "evidence_reference": EVIDENCE_REFERENCE,
    "certainty": CERTAINTY,
    "magnitude": MAGNITUDE,
    "scope": SCOPE,
    "safety": SAFETY,
    "intensifier": INTENSIFIER,
    "breadth": BREADTH,
    "anecdote": ANECDOTE,
    "causal": STRONG_CAUSAL,
    "correlational": CORRELATIONAL,
    "negative_finding": NEGATIVE_FINDING,
    "negation": NEGATION,
    "pseudo_mechanism": PSEUDO_MECHANISM,
    "first_person": FIRST_PERSON,
    "call_to_action": CALL_TO_ACTION,
    "procedure": PROCEDURE,
    "report_of_use": REPORT_OF_USE,
    "logistics": LOGISTICS,
    "definition_history": DEFINITION_HISTORY,
    "disclaimer": DISCLAIMER,
}


def phrases(block: str) -> list[str]:
    """The `|`-separated phrases of one word-list block, stripped, in order."""
    return [p.strip() for p in block.split("|") if p.strip()]
