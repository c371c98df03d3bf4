"""Named line rules: each recognises one kind of boilerplate and gives its reason code.

A rule is a regular expression over one stripped line plus a word limit: the
rule only judges lines of at most ``max_words`` words, so that a long paragraph
of prose that happens to say "subscribe" or "cookies" is not dropped for it.
Rules of the same word limit are joined into one alternation (one regex call
per line and limit), compiled lazily on first use.

Patterns are written to run in linear time: no nested quantifiers over
overlapping character sets, so adversarial lines cannot make them backtrack
catastrophically.

>>> match_rule("Skip to content").reason
'nav'
>>> match_rule("Sign up for our daily newsletter").reason
'newsletter'
>>> match_rule("The council voted to subscribe to the regional water plan next year.") is None
True
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from newsclean.extract import lexicon
from newsclean.extract.languages import CJK_LETTERS, WORD, stopwords


@dataclass(frozen=True)
class Rule:
    """One named pattern with its reason code."""

    name: str
    reason: str
    pattern: str
    #: The rule only judges lines of at most this many words.
    max_words: int
    #: ``full``: the pattern must match the whole line; ``search``: anywhere.
    mode: str = "full"
    #: For ``search`` rules: lowercase words (or, with a non-word character, substrings)
    #: one of which a line must contain for the rule to be tried at all. A cheap
    #: prefilter: most lines contain none, and a set test is much cheaper than a scan.
    triggers: str = ""


@dataclass(frozen=True)
class Hit:
    """A rule that matched a line."""

    rule: str
    reason: str
    evidence: str


# Separators between the items of a widget line ("Share | Tweet · Email").
_PHOTO = lexicon.alternation(lexicon.PHOTO_AGENCIES)
_SERVICES = lexicon.alternation(lexicon.PHOTO_SERVICES)
_SEP = r"[\s,|/·•:!()\[\]+-]+"
#: A site's accounts elsewhere, as a prompt to follow it names them.
_ACCOUNTS = (
    r"x|twitter|facebook(?: messenger)?|instagram|linkedin|youtube|tiktok|bluesky|threads"
    r"|mastodon|messenger|whatsapp|telegram|social media|our social (?:media )?channels"
)

_SHARE_WORDS = (
    r"share(?: this(?: article| story| page| post)?| on| via| article)?|shares|tweet|e-?mail|print|pin(?: it)?"
    r"|save|read later|copy(?: link| url)?|link|whatsapp|facebook|twitter|x|linkedin|reddit|pinterest|tumblr"
    r"|telegram|messenger|flipboard|pocket|vk|ok|line|kakao(?:talk|story)?|naver|band|weibo|wechat"
    r"|qq|hatena|mixi|sms|mail|google\+?|instagram|youtube|rss|snapchat|tiktok|comments?"
    r"|compartilh(?:ar|e)|partager|teilen|drucken|condividi|stampa|compartir|imprimir"
    r"|поделиться|печать|공유(?:하기)?|인쇄|스크랩|シェア|ツイート|印刷|bagikan|cetak|delen|\d+"
)

#: Cookie notices in the later languages: their word for cookies (where it is not
#: "cookie") and the verbs a notice uses (use, accept, agree).
_COOKIE_NOUNS = r"ciasteczk|kolačić|колачић|sütik|sütit|çerez|evästei|piškotk|slapuk|sīkdatn|küpsis|бисквитк|kakor"
_COOKIE_VERBS = (
    r"używa|korzyst|akceptuj|zgod|používá|používa|souhlas|súhlas|koristi|prihvać|користи|використов"
    r"|погоджу|използва|съглас|χρησιμοποι|αποδοχ|folose|utilizăm|használ|elfogad|hozzájárul|kullan"
    r"|kabul|använd|godkänn|bruger|bruker|godta|käyttä|hyväksy|utilitza|sử dụng|chấp nhận|uporablja"
    r"|sprejm|naudoja|sutink|izmanto|piekrīt|kasutab|kasutame|nõustu|përdor|pranoj"
)

_NAV_WORDS = (
    r"menu|main menu|open menu|close menu|home|homepage|home page|search|search for|go|submit"
    r"|sign in|signin|log ?in|log ?out|sign out|register|my account|account|profile|close|open"
    r"|toggle navigation|navigation|back to top|to top|top|next|previous|prev|next article"
    r"|previous article|more|show more|load more|see more|view more|view all|see all|all"
    r"|sections|section|topics|tags?|categories|category|archives?|index|news|latest|live"
    r"|subscribe|sign up|join|edition|language|english"
)  # (the other languages' words: newsclean/data/phrases.txt, looked up whole)

RULES: tuple[Rule, ...] = (
    # --- navigation ---------------------------------------------------------------
    Rule(
        "skip-link",
        "nav",
        r"(?:skip|jump) to (?:main |the )?(?:content|navigation|main|article|footer)|skip navigation"
        r"|(?:pular|ir) para o conte[uú]do|(?:direkt )?zum inhalt(?: springen)?|(?:saltar|ir) al contenido"
        r"|(?:aller|passer) au contenu|(?:vai|salta) al contenuto|перейти к (?:содержанию|контенту|основному)"
        r"|본문(?:으로)? 바로가기|本文へ|メインコンテンツへ|langsung ke konten|naar de inhoud",
        12,
        "search",
        "skip jump pular ir zum direkt saltar aller passer vai salta перейти 본문 langsung naar",
    ),
    Rule("nav-word", "nav", rf"(?:{_NAV_WORDS})(?:\s*[›»>|]+)?", 4),
    Rule(
        "gallery-control",
        "nav",
        r"(?:image|photo|picture|slide|foto|bild|фото|사진|写真)?\s*\d{1,3}\s*(?:of|/|de|von|di|из|de)\s*\d{1,3}"
        r"|(?:back to|view|open|launch|see) (?:the )?(?:gallery|slideshow|photos)|gallery|slideshow|fullscreen"
        r"|enlarge(?: this)? image|expand|zoom|play(?: video)?|watch(?: video| now| live)?|video|photos?|audio"
        r"|listen(?: to this article| now)?|\d{1,2}:\d{2}(?::\d{2})?|(?:\d+ )?min(?:ute)?s? read|\d+ (?:views?|likes?)",
        6,
    ),
    Rule(
        "relative-time",
        "date",
        r"(?:updated |posted |published )?(?:\d{1,3} ?(?:s|m|h|d|w|mo|y|min|mins|hr|hrs|secs?|minutes?|hours?|days?|weeks?|months?|years?) ago"
        r"|just now|yesterday|today|há \d+ (?:minutos?|horas?|dias?)|hace \d+ (?:minutos?|horas?|d[ií]as?)|vor \d+ (?:minuten|stunden?|tagen?)"
        r"|\d+ (?:minuti|ore|giorni) fa|il y a \d+ (?:minutes?|heures?|jours?)|\d+ (?:минут[ыу]?|час(?:а|ов)?|дн(?:я|ей)|день) назад"
        r"|\d+ ?(?:분|시간|일) 전|\d+ ?(?:分|時間|日)前|\d+ (?:menit|jam|hari) (?:yang )?lalu|\d+ (?:minuten|uur|dagen) geleden"
        rf"|{lexicon.EN_MONTH_WORD} \d{{1,2}}(?:, \d{{4}})?)",
        6,
    ),
    Rule(
        "caption-toggle",
        "caption",
        r"(?:hide|show|toggle) caption|caption|close caption|legenda|bildunterschrift|didascalia",
        3,
    ),
    # --- sharing ---------------------------------------------------------------------
    # (CJK buttons may stand with nothing between them, as w3m writes "ツイートシェア")
    Rule(
        "share-widget",
        "share",
        rf"(?:{_SHARE_WORDS})(?:(?:{_SEP}|(?<={CJK_LETTERS}))(?:{_SHARE_WORDS}))*[\s:!]*",
        10,
    ),
    Rule(
        "share-prompt",
        "share",
        r"(?:share|spread) (?:this|the) (?:story|article|post|news|page)|click to (?:share|email|print|tweet|pin)"
        r"|share on (?:facebook|twitter|whatsapp|linkedin|x)|\(opens in (?:a )?new window\)|email this (?:article|story|to a friend)"
        r"|compartilhe (?:essa|esta|no)|artikel teilen|condividi (?:su|questo)|поделиться в|기사 공유|この記事をシェア|bagikan artikel",
        16,
        "search",
        "share spread click opens email compartilhe artikel condividi поделиться 기사 bagikan",
    ),
    Rule(
        "breadcrumb", "nav", r"^[^›»>|]{1,40}(?:[›»>|][^›»>|]{1,40}){2,}\Z", 10, "search", "› » > |"
    ),
    # --- newsletters and subscriptions ----------------------------------------------
    Rule(
        "newsletter-short",
        "newsletter",
        r"newsletter|sign up|subscribe|subscription|unsubscribe|inbox|your e-?mail|e-?mail address|opt-in|opt in"
        r"|inscreva-se|assine|assinatura|assinante|cadastre-se|abonnieren|abonnement|anmeldung|iscriviti|abbonati|abbonamento"
        r"|подпи(?:шитесь|саться|ска)|рассылк|구독|뉴스레터|メルマガ|ニュースレター|購読|berlangganan|langganan"
        r"|inscrivez-vous|abonnez-vous|suscr[ií]bete|suscribirse|suscripci[oó]n|bolet[ií]n|nieuwsbrief|aanmelden"
        r"|thanks? (?:you )?for (?:signing up|subscribing)|already a (?:subscriber|member)|create (?:a |an |your )?(?:free )?account",
        8,
        "search",
        (
            "newsletter newsletters sign subscribe subscription unsubscribe inbox email e-mail mail opt inscreva "
            "assine assinatura assinante cadastre abonnieren abonnement anmeldung iscriviti abbonati abbonamento "
            "подпишитесь подписаться подписка рассылка рассылки рассылку 구독 뉴스레터 berlangganan langganan inscrivez "
            "abonnez suscríbete suscribete suscribirse suscripción suscripcion boletín boletin nieuwsbrief "
            "aanmelden thanks thank already create"
        ),
    ),
    Rule(
        "newsletter-long",
        "newsletter",
        r"(?:sign up|subscribe|register) (?:for|to) (?:our|the|a|\S+['’]s) [^.]{0,60}(?:newsletter|briefing|digest|updates|emails?|alerts)"
        r"|(?:latest|top) (?:news|stories|updates|headlines) (?:right |delivered )?(?:in|to) your inbox|enter your e-?mail|delivered (?:straight |directly )?to your inbox|in your inbox every|by signing up,? you agree"
        r"|please check the opt-in|privacy (?:policy|notice) and (?:terms|cookie)|you (?:may|can) unsubscribe at any time"
        r"|receba (?:as|nossas) not[ií]cias|newsletter abonnieren|iscriviti alla newsletter|подпишитесь на (?:нашу|наш)",
        45,
        "search",
        (
            "sign subscribe register enter delivered inbox signing please privacy unsubscribe receba newsletter "
            "iscriviti подпишитесь"
        ),
    ),
    # --- cookies, consent ----------------------------------------------------------------
    Rule(
        "cookie",
        "cookie",
        r"cookie[^.!?]{0,120}(?:\b(?:use|uses|using|accept|consent|browser|settings|policy|experience|agree|continu|enable|disable)"
        r"|utiliz|usamos|aceit|acept|verwenden|akzeptier|einverstanden|utilizziamo|accett|nous utilisons|accepte|использ|사용|利用|menggunakan|gebruik"
        rf"|{_COOKIE_VERBS})"
        rf"|(?:{_COOKIE_NOUNS})[^.!?]{{0,120}}(?:{_COOKIE_VERBS})|(?:{_COOKIE_VERBS})[^.!?]{{0,60}}(?:{_COOKIE_NOUNS}|cookie)"
        r"|(?:we|this (?:site|website)) uses? cookies|(?:usamos|utilizamos|verwenden|utilizziamo|utilisons|используем|gebruiken) (?:\w+ )?(?:cookies?|файлы cookie)"
        r"|쿠키|クッキー|^cookies?(?: policy| settings| preferences| notice)?$|^(?:accept|reject|agree|manage)(?: all)?(?: cookies)?$"
        r"|do not sell my (?:personal )?info",
        80,
        "search",
        "cookie cookies 쿠키 accept reject agree manage sell ciasteczka ciasteczek kolačiće kolačića kolačići "
        "колачиће колачићи sütiket sütik sütit çerez çerezler çerezleri evästeitä evästeet evästeiden "
        "piškotke piškotki piškotkov slapukus slapukai slapukų sīkdatnes sīkdatņu küpsiseid küpsised "
        "küpsiste бисквитки бисквитките kakor",
    ),
    # --- advertising -------------------------------------------------------------------------
    Rule(
        "ad-label",
        "ad",
        r"advertisement|advertising|advertise(?: with us| here)?|ads?|adverts?|sponsored(?: content| post| links?| stories)?"
        r"|paid (?:content|post|partner content|for by .{1,60})|promoted(?: content| stories)?|partner content|from our partners?"
        r"|story continues below(?: advertisement)?|article continues below(?: advertisement)?|continue reading (?:below|the main story)"
        r"|ad ?choices|report (?:this )?ad|sponsored by .{1,60}|presented by .{1,60}|powered by .{1,60}|recommended by .{1,40}",
        8,
    ),
    Rule(
        "follow-prompt",
        "share",
        # "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.", "Chat with us in
        # Facebook Messenger.": the site's own accounts, in a sentence that reads like prose.
        # The prompt is a sentence of its own (a short one may follow): a story's "Like many
        # teens on TikTok, she …" is none.
        rf"(?:follow|like|find|join|chat with) (?:us|me|\w+(?: \w+){{0,3}}) (?:on|in|at) "
        rf"(?:{_ACCOUNTS})(?:,? (?:and |or |& )?(?:{_ACCOUNTS}))*(?:[.!]|[.!] [^.!?]{{1,80}}[.!?])?",
        20,
        "full",
    ),
    # --- related, popular, read more --------------------------------------------------------
    Rule(
        "related-header",
        "related",
        r"(?:related|more|other|latest|recent|top|popular|trending|featured|recommended|similar)"
        r"(?: (?:articles?|stories|content|news|posts|coverage|topics|links|videos|reading|headlines|from [^.]{1,40}|on [^.]{1,40}|in [^.]{1,40}|like this))?"
        r"|read (?:more|also|next|this next)|also read|see also|most (?:popular|read|viewed|shared|commented|recent)(?: [\w ]{1,30})?"
        r"|trending(?: now| stories| topics)?|top stories|recommended(?: for you| stories| reading)?"
        r"|you (?:may|might) (?:also )?(?:like|be interested in|have missed)|don'?t miss|up next|what to read next"
        r"|editor'?s picks|more to explore|around the web|elsewhere on [\w .]{1,30}|in case you missed it",
        7,
    ),
    Rule(
        "read-more-link",
        "related",
        r"(?:read more|read also|also read|related|see also|more|watch|listen|recommended|leia (?:mais|tamb[ée]m)|veja (?:tamb[ée]m|mais)"
        r"|lesen sie (?:auch|mehr)|mehr zum thema|leggi anche|читайте (?:также|еще|ещё)|смотрите также|관련 ?기사|関連記事|baca juga"
        r"|lire aussi|[àa] lire aussi|lee tambi[ée]n|ver tambi[ée]n|lees ook)\s*(?::|»|>|›|—|–|-|\|)\s*\S.*",
        30,
    ),
    # --- comments -------------------------------------------------------------------------------
    Rule(
        "comments",
        "comment",
        r"(?:\d+ )?comments?(?: \(\d+\))?|(?:leave|post|add|write|submit) a (?:comment|reply)|(?:view|show|hide|read|load) (?:all )?(?:\d+ )?comments"
        r"|join the (?:conversation|discussion)|be the first to comment|reply|report abuse|\d+ repl(?:y|ies)",
        6,
    ),
    Rule(
        "comment-thread",
        "comment",
        r"\d+ (?:responses?|comments?|replies|thoughts|reactions) (?:to|on) .{1,150}|\S+(?: \S+){0,3} (?:says|said|wrote|commented|replied)\s*:"
        r"|(?:\d+ )?(?:comments?|responses?|replies) (?:are|is) (?:closed|disabled)|comments? (?:policy|guidelines)"
        r"|you must be logged in to post a comment|log in to (?:comment|reply)|(?:newest|oldest|best|top) (?:first|comments)"
        r"|(?:please )?enable javascript to view the comments(?: powered by \w+)?[.]?(?: comments powered by \w+)?"
        r"|(?:blog )?comments powered by (?:disqus|facebook)"
        r"|\d+ коммент\w*|댓글 ?\d+개|コメント ?\d+件|\d+ coment[aá]rios?|\d+ kommentare?|\d+ commenti",
        30,
    ),
    Rule(
        "feedback-prompt",
        "comment",
        # The page's question to its reader and the form's answers: "Was this article
        # helpful?", "Thanks for your feedback!", "Oops! Something went wrong while submitting …".
        r"^(?:was|did you find|is|did) this (?:article|page|post|information|answer|guide|content) (?:helpful|useful)\s*\??$"
        r"|found this (?:article|page|post|answer) (?:helpful|useful)|^(?:thank you|thanks) for (?:your feedback|rating)"
        r"|something went wrong while submitting|how (?:can|could) we improve this (?:post|article|page)"
        r"|^(?:let us|help us) improve this (?:post|article|page)|^rate this (?:article|post|page)",
        25,
        "search",
        "helpful useful feedback rating submitting improve rate",
    ),
    # --- notes after the article ----------------------------------------------------------------
    Rule(
        "print-note",
        "print-note",
        r"a version of this (?:article|story|review|column|essay) (?:appears|appeared|was published) in print"
        r"|(?:this|the) (?:article|story) (?:appears|appeared) in (?:the )?(?:print edition|print issue|[\w ]{1,40} print edition)"
        r"|appeared in the (?:print|printed) (?:edition|issue|version)",
        70,
        "search",
        "version print",
    ),
    # --- footer and legal -------------------------------------------------------------------------
    Rule(
        "copyright",
        "legal",
        r"all rights reserved|©|\(c\) (?:19|20)\d\d|copyright (?:©|\(c\)|(?:19|20)\d\d)|^copyright\b|todos os direitos reservados"
        r"|todos los derechos reservados|alle rechte vorbehalten|tutti i diritti riservati|riproduzione riservata|все права защищены"
        r"|tous droits r[ée]serv[ée]s|alle rechten voorbehouden|hak cipta|무단 ?전재|재배포 ?금지|저작권|著作権|無断転載|版权所有"
        r"|this material may not be published, broadcast, rewritten|may not be reproduced|reproduction (?:is )?(?:prohibited|forbidden)"
        r"|wszelkie prawa zastrzeżone|všechna práva vyhrazena|všetky práva vyhradené|sva prava (?:pridržana|zadržana|zaštićena)"
        r"|сва права (?:задржана|заштићена)|vse pravice pridržane|(?:всі|усі) права захищені|всички права запазени"
        r"|με επιφύλαξη παντός δικαιώματος|όλα τα δικαιώματα (?:διατηρούνται|κατοχυρωμένα)|toate drepturile rezervate"
        r"|minden jog fenntartva|tüm hakları saklıdır|her hakkı saklıdır|alla rättigheter förbehållna"
        r"|alle rettigheder forbeholdes|alle rettigheter reservert|kaikki oikeudet pidätetään|tots els drets reservats"
        r"|bản quyền thuộc|جميع الحقوق محفوظة|(?:کلیه|تمامی) حقوق .{0,40}محفوظ|כל הזכויות שמורות|visos teisės saugomos"
        r"|visas tiesības aizsargātas|kõik õigused kaitstud|të gjitha të drejtat e rezervuara",
        45,
        "search",
        (
            "rights reserved copyright c todos tutti alle все tous hak riproduzione material reproduced "
            "reproduction 무단 재배포 저작권 © wszelkie všechna všetky sva сва vse всі усі всички επιφύλαξη "
            "δικαιώματα toate minden saklıdır alla kaikki tots bản جميع کلیه تمامی הזכויות visos visas kõik "
            "gjitha"
        ),
    ),
    Rule(
        "legal-notice",
        "legal",
        # A site's fine print under its pages: trademark notes and health disclaimers.
        r"registered trademarks? of [^.]{1,60}\b(?:inc|llc|ltd|corp|corporation|gmbh|plc)\b"
        r"|(?:trademarks|property) of their respective owners"
        r"|not been evaluated by the food and drug administration"
        r"|not intended to diagnose, treat|not intended to be a substitute for (?:professional )?medical",
        90,
        "search",
        "registered respective evaluated intended",
    ),
    Rule(
        "consent-note",
        "legal",
        # The fine print under a form: "By signing up, you agree to our Terms …".
        r"^by (?:submitting|signing up|clicking|providing|registering|subscribing|continuing)\b[^.]{0,120}"
        r"\b(?:you|i)(?: hereby| also)? (?:agree|consent|accept|acknowledge)\b",
        80,
        "search",
        "agree consent",
    ),
    Rule(
        "legal-link",
        "legal",
        r"(?:privacy|cookie|data)(?: policy| notice| statement| settings| center| preferences)?|terms(?: of (?:use|service|sale))?"
        r"|terms (?:and|&) conditions|conditions of use|user agreement|subscriber agreement.{0,30}|disclaimer|your (?:ad|privacy) choices"
        r"|(?:your )?california privacy rights|do not sell.{0,40}|accessibility(?: statement)?|ethics(?: policy)?|code of conduct|community (?:guidelines|standards)",
        7,
    ),
    Rule(
        "footer-link",
        "footer",
        r"about(?: us| the \w+)?|contact(?: us)?|sitemap|site map|site index|careers|jobs|help(?: center)?|faq|advertise(?: with us)?"
        r"|rss(?: feeds?)?|newsroom|staff|masthead|corrections|media kit|press(?: room)?|our team|feedback|store|shop|events|archive"
        r"|imprint",
        5,
    ),
    # --- photos ----------------------------------------------------------------------------------------
    Rule(
        "photo-credit",
        "credit",
        r"^(?:(?:photo|image|picture|video|foto|bild|illustration|graphic|credit)s?(?: credit| source| by| courtesy(?: of)?)?\s*[:/]\s*\S.{0,80}"
        rf"|\(?(?:{_PHOTO}|getty) photo(?:/[\w .'-]{{1,50}})?\)?"
        rf"|\(?(?:{_PHOTO})/[\w .'-]{{1,50}}\)?"
        rf"|[\w .'’-]{{1,50}}(?:/| for| via) ?(?:{_SERVICES}|the associated press|epa-efe|bloomberg|{_PHOTO})"
        rf"|[\w .'’-]{{1,50}}[,|—–-] ?(?:{_SERVICES})"
        r"|getty images|shutterstock|istock(?:photo)?|[\w .'-]{0,40}\(?(?:photo|image|foto)(?:grafia)?:? (?:by|courtesy|credit|from)[^.]{1,60}\)?"
        r"|reprodu[çc][ãa]o(?:/[\w .-]{1,40})?|divulga[çc][ãa]o(?:/[\w .-]{1,40})?|(?:фото|фотография)\s*[:—-].{1,60}|사진\s*[=:].{0,40}|写真[:：=].{0,40})[\s.:!?…]*\Z",
        10,
        "search",
        "photo photos image images picture pictures video foto fotos bild illustration graphic credit credits ap afp reuters "
        "epa getty ansa efe dpa xinhua yonhap kyodo pa upi shutterstock istock istockphoto alamy zuma bloomberg nurphoto "
        "sipa imago courtesy reprodução reproducao divulgação divulgacao фото фотография 사진 写真",
    ),
    Rule(
        "caption-credit",
        "caption",
        rf"the canadian press/|\((?:{_PHOTO}|bloomberg|[\w .'-]{{1,40}}) ?photos?/[^)]{{1,60}}\)"
        r"|\b(?:reuters|afp|epa|ansa|efe|bloomberg|xinhua)/[\w .'-]{2,50}|/(?:afp|ap|reuters|getty images|dpa|epa)\b"
        r"|getty images|shutterstock|istock(?:photo)?|\b(?:photo|image|foto)(?:graph)?(?: credit)?: [\w .,'’/&-]{2,60}[.)]?$"
        r"|\((?:photo|image|foto|picture|fotografia)(?:graph)?:? (?:by|courtesy|credit|from)[^)]{1,60}\)|\bphoto courtesy (?:of )?"
        r"|\((?:foto|bild|фото|사진|写真)\s*[:=：][^)]{1,60}\)|\bcredit: [\w .'’/-]{2,50}$",
        0,
        "search",
        (
            "press photo photos reuters afp epa ansa efe dpa xinhua yonhap kyodo pa upi bloomberg ap getty "
            "shutterstock istock istockphoto image foto credit courtesy bild фото 사진 picture fotografia"
        ),
    ),
    Rule(
        "caption-label",
        "caption",
        # A caption or its credit as a dump labels it: "Image caption …", "Image copyright …".
        r"^(?:image|media) caption \S|^(?:image|media) copyright \S+(?: \S+){0,5}$",
        0,
        "search",
        "caption copyright",
    ),
)

#: Reason codes that move a line to ``Document.captions`` instead of dropping it silently.
CAPTION_REASONS = frozenset({"caption", "credit"})


class _OnFirstSearch:
    """A ``search`` rule's pattern, compiled when its triggers first let a line through
    (on most pages most never do, and compiling them all took a good part of start-up)."""

    __slots__ = ("_pattern", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._pattern: re.Pattern[str] | None = None

    def search(self, text: str) -> re.Match[str] | None:
        if self._pattern is None:
            self._pattern = re.compile(self.source)
        return self._pattern.search(text)


class _Step(NamedTuple):
    """One matching step: rules tried together, and when they can fire at all."""

    #: The step is skipped for lines of more words than this.
    limit: int
    #: One pattern for the step's rules, each a named group (``r0``, ``r1`` …).
    pattern: Any
    names: dict[str, Rule]
    #: A search step runs only on lines with one of these words or substrings.
    words: frozenset[str]
    subs: tuple[str, ...]


@lru_cache(maxsize=1)
def _compiled() -> list[_Step]:
    """Compile the rules on first use, narrowest word limit first.

    ``full`` rules of one word limit are joined into one alternation; each
    ``search`` rule stays alone with its triggers (and is compiled when first
    needed). Lines are lowercased before matching, so the patterns are compiled
    without IGNORECASE (faster).
    """
    steps: list[_Step] = []
    full: list[Rule] = []
    for rule in RULES:
        if rule.mode == "full":
            full.append(rule)
        else:
            words = frozenset(t for t in rule.triggers.split() if re.fullmatch(r"\w+", t))
            subs = tuple(t for t in rule.triggers.split() if not re.fullmatch(r"\w+", t))
            steps.append(
                _Step(
                    rule.max_words or 10**9,
                    _OnFirstSearch(f"(?P<r0>{rule.pattern})"),
                    {"r0": rule},
                    words,
                    subs,
                )
            )
    # One alternation for all whole-line rules, tried first; each rule's word
    # limit is checked after the match.
    full.sort(key=lambda rule: rule.max_words)
    names = {f"r{index}": rule for index, rule in enumerate(full)}
    body = "|".join(f"(?P<r{index}>{rule.pattern})" for index, rule in enumerate(full))
    steps.sort(key=lambda step: step.limit)
    steps.insert(
        0,
        _Step(
            max(rule.max_words for rule in full),
            re.compile(rf"(?:{body})[\s.:!?…]*\Z"),
            names,
            frozenset(),
            (),
        ),
    )
    return steps


@lru_cache(maxsize=1)
def _long_lines() -> tuple[int, re.Pattern[str]]:
    """``(words, pattern)``: a line of more than *words* words can only be taken by the
    whole-line rules of the widest word limit (or of none), and *pattern* joins those
    alone. It is a necessary test, much cheaper than the whole alternation on the long
    lines of prose, which match none: where it matches, the whole alternation decides."""
    full = [rule for rule in RULES if rule.mode == "full"]
    widest = max(rule.max_words for rule in full)
    words = max((rule.max_words for rule in full if rule.max_words < widest), default=0)
    body = "|".join(
        f"(?:{rule.pattern})" for rule in full if not rule.max_words or rule.max_words > words
    )
    return words, re.compile(rf"(?:{body})[\s.:!?…]*\Z")


@lru_cache(maxsize=1)
def _all_triggers() -> tuple[frozenset[str], tuple[str, ...]]:
    """The union of all search rules' trigger words and substrings."""
    words: set[str] = set()
    subs: set[str] = set()
    for step in _compiled()[1:]:
        words |= step.words
        subs.update(step.subs)
    return frozenset(words), tuple(sorted(subs))


#: The phrase table's file: boilerplate lines in the languages the patterns above do not cover.
PHRASES_PATH = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "phrases.txt")
#: The longest line (in words) looked up whole, and one read for a "Read also: …" head.
PHRASE_WORDS = 7
HEAD_WORDS = 30
#: What may follow a phrase on its line: punctuation, an arrow, a count ("Komentarze (12)"),
#: and the last characters of such a line (one that ends otherwise is looked up as it is).
_AFTER_PHRASE = re.compile(r"[\s.:!?…»›>|()\d-]+\Z")
_PHRASE_ENDS = frozenset(" .:!?…»›>|)-0123456789")


@lru_cache(maxsize=1)
def phrases() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """``(lines, heads)`` of :data:`PHRASES_PATH`: each phrase with its (rule, reason), as a
    whole line and as the head of a "Read also: …" line (the ``read-more-link`` section).

    >>> lines, heads = phrases()
    >>> lines["przejdź do treści"], heads["czytaj także"]
    (('skip-link', 'nav'), ('read-more-link', 'related'))
    """
    lines: dict[str, tuple[str, str]] = {}
    heads: dict[str, tuple[str, str]] = {}
    with open(PHRASES_PATH, encoding="utf-8") as handle:
        # (the comments stand before the first section; a section's lines are its phrases)
        sections = handle.read().split("\n[")[1:]
    for section in sections:
        header, _, body = section.partition("\n")
        rule, reason = header.rstrip("]").split()
        found = heads if rule == "read-more-link" else lines
        found.update(dict.fromkeys(filter(None, map(str.strip, body.splitlines())), (rule, reason)))
    return lines, heads


def boilerplate_words(language: str | None = None) -> frozenset[str]:
    """Words of boilerplate phrases for a page in *language*: on an English page the
    lexicon's (:data:`~newsclean.extract.lexicon.BOILERPLATE_WORDS`, English's and the
    first languages'), elsewhere also those of the phrase table, but any language's
    function words ("do", "na", "के"), which prose is full of. (An English page needs no
    Polish menu word, and does not pay for reading them.)

    >>> words = boilerplate_words("pl")
    >>> "udostępnij" in words and "newsletter" in words, "na" in words
    (True, False)
    >>> "udostępnij" in boilerplate_words("en")
    False
    """
    return lexicon.BOILERPLATE_WORDS if language == "en" else _every_boilerplate_word()


@lru_cache(maxsize=1)
def _every_boilerplate_word() -> frozenset[str]:
    lines, heads = phrases()
    found = set(WORD.findall(" ".join((*lines, *heads))))
    found.difference_update(_PROSE_TOO, *stopwords().values())
    return frozenset(word for word in found if len(word) > 2) | lexicon.BOILERPLATE_WORDS


#: Words of the phrase table that prose is made of too: English words ("Media" is Polish
#: for social media, "Note" Romanian for notes; those found in the WCXB dev references'
#: text, but names of languages and words of the pages in other languages, "terkait"), and
#: the polite "do" of the South Asian prompts ("शेयर करें", "শেয়ার করুন", "شیئر کریں").
_PROSE_TOO = frozenset(
    """
    media page note legal suite spring info salt mine principal lee dig visa mentions novice
    topo mere oss tin meme deli inn vis ver haut chia ana mus lest mer tek logi loe noi atla
    sisu meld lasi meer thema करें करे करा করুন کریں गर्नुहोस्
    """.split()
)


def _phrase_hit(lower: str, words: int) -> Hit | None:
    """The phrase table's verdict on a lower-cased line of *words* words (:func:`phrases`)."""
    lines, heads = phrases()
    if not lower.isascii():
        # The table is in NFC; pages write an Indic letter with a nukta ("ज़", "য়") as one
        # character or as two, and NFC makes both the table's two.
        from unicodedata import is_normalized, normalize

        if not is_normalized("NFC", lower):
            lower = normalize("NFC", lower)
    found = None
    if words <= PHRASE_WORDS:
        found = lines.get(lower)
        if found is None and lower[-1:] in _PHRASE_ENDS:
            found = lines.get(_AFTER_PHRASE.sub("", lower))
    if found is None and words <= HEAD_WORDS:
        head, mark, rest = lower.partition(":")
        if not mark:
            head, mark, rest = lower.partition("»")
        if mark and rest.strip():
            found = heads.get(head.strip())
    if found is None:
        return None
    return Hit(found[0], found[1], f"matched {lower[:40]!r}")


def match_rule(
    line: str, words: int | None = None, tokens: list[str] | None = None, scan_all: bool = False
) -> Hit | None:
    """The first rule that recognises *line* (stripped), or ``None``.

    Rules are tried from the narrowest word limit up. *tokens* (the line's
    lowercased ``\\w+`` words) enable the trigger prefilter of ``search`` rules;
    *scan_all* turns it off (for scripts without spaces between words). A caption
    credit anywhere in a long line is only looked for in its first and last 100
    characters.

    >>> match_rule("Photo: Jane Smith/Reuters").reason
    'credit'
    >>> match_rule("Share on Facebook | Tweet | Email").reason
    'share'
    >>> match_rule("Advertisement").reason
    'ad'
    >>> match_rule("© 2024 Example Media Group. All rights reserved.").reason
    'legal'
    >>> match_rule("Related stories").reason
    'related'
    >>> match_rule("The minister said the plan would be published before the summer.") is None
    True
    """
    lower = line.lower()
    if words is None:
        words = len(line.split())
    if tokens is None:
        scan_all = True
    if words <= _CACHE_WORDS:
        key = (lower, words, scan_all)
        try:
            return _CACHE[key]
        except KeyError:
            pass
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        hit = _CACHE[key] = _match(lower, words, tokens, scan_all)
        return hit
    return _match(lower, words, tokens, scan_all)


#: Verdicts on short lines, which repeat across the pages of a site (menus, widgets).
_CACHE: dict[tuple[str, int, bool], Hit | None] = {}
_CACHE_SIZE = 50_000
_CACHE_WORDS = 8


def _match(lower: str, words: int, tokens: list[str] | None, scan_all: bool) -> Hit | None:
    # (the phrase table first: a dictionary lookup, where the patterns are regex scans)
    hit = _phrase_hit(lower, words)
    if hit is not None:
        return hit
    steps = _compiled()
    any_words, any_subs = _all_triggers()
    tokens = tokens or []
    has = lower.__contains__  # (mapped over the substrings: no Python frame per test)
    if not scan_all and any_words.isdisjoint(tokens) and not any(map(has, any_subs)):
        steps = steps[:1]  # no search rule can fire: only the whole-line rules remain
    for limit, pattern, names, trigger_words, trigger_subs in steps:
        if words > limit:
            continue
        if trigger_words or trigger_subs:
            if (
                not scan_all
                and trigger_words.isdisjoint(tokens)
                and not (trigger_subs and any(map(has, trigger_subs)))
            ):
                continue
            text = lower if len(lower) <= 200 else lower[:100] + "\n" + lower[-100:]
            m = pattern.search(text)
        else:
            long, only = _long_lines()
            if words > long and only.match(lower) is None:
                continue
            m = pattern.match(lower)
        if m:
            rule = names[m.lastgroup or ""]
            if rule.max_words and words > rule.max_words:
                continue
            return Hit(rule.name, rule.reason, f"matched {m.group(0).strip()[:40]!r}")
    return None
