"""Builds eval/gold/related.jsonl from hand-judged subject clusters.

The clusters below were judged by reading the corpus documents (found by grep on subject
words, then read: a motie is related when its request is about the same subject, a long
document by the passage quoted). Every source passage gets the other members of its
cluster (in other documents) as related, plus the EXTRA links; look-alikes share words
but not the subject. Every quote is checked to occur in its document's extracted text.

    .venv/bin/python eval/build_related_gold.py eval/gold/related.jsonl [--corpus ../shared/corpus]
"""
import argparse
import collections
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from index.readers import read_file  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("out", type=Path)
ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
ARGS = ap.parse_args()
FILES = sorted(str(p.relative_to(ARGS.corpus)) for p in ARGS.corpus.rglob("*") if p.is_file())


@lru_cache(maxsize=None)
def doc(sub):
    hits = [f for f in FILES if f.endswith(sub) or sub in f]
    assert len(hits) == 1, (sub, hits)
    d = read_file(ARGS.corpus / hits[0])
    return {"path": hits[0], "text": d.text, "doc_type": d.doc_type}
norm = lambda s: ' '.join(s.split())

def motie_quote(d):
    """The motie's request (its subject), first 14 words after "verzoekt de regering" (or its opening)."""
    t = norm(d['text'])
    m = re.search(r"(?:verzoekt de regering|roept de regering op|spreekt uit dat|verzoekt het presidium)\s*,?\s*(.*)", t) \
        or re.search(r"beraadslaging,\s*(.*)", t) or re.search(r"(?:constaterende|overwegende) dat (.*)", t)
    assert m, d['path']
    return ' '.join(m.group(1).split()[:14]).rstrip(',;.')

def item(sub, quote=None):
    d = doc(sub)
    if d['doc_type'] == 'motie' and quote is None:
        q, scope = motie_quote(d), 'document'
    else:
        q, scope = quote, ('document' if d['doc_type'] == 'motie' else 'passage')
    assert q and norm(q) in norm(d['text']), (sub, q)
    return {"doc": d['path'], "quote": q, "scope": scope}

# ---- subject clusters: (subject, members {key: (path, quote|None)}, sources [keys], lookalikes [(path, quote|None, why)]) ----
INB = "2025D21651-inbreng-so-fiche-blueprint-cyber.txt"
C = []
C.append(("DNS-diversificatie en de .nl DNS-keten in Nederland", {
    "inb_dns_glpvda": (INB, "Deze leden steunen de roep om een robuuste en gediversifieerde Domain Name System (DNS)-infrastructuur."),
    "inb_dns_bbb": (INB, "Overweegt het kabinet, mede in het licht van deze aanbeveling, om in Nederland strategische publieke DNS-capaciteit op te bouwen?"),
    "inb_dns_nsc": (INB, "Zien zij geen risico in het ontbreken van expliciete richtlijnen, bijvoorbeeld met betrekking tot DNS-redundantie, die naar hun mening essentieel is?"),
    "m1317": ("kst-26643-1317.xml", None)},
    ["inb_dns_bbb", "m1317"],
    [("kst-36377-17.xml", None, "DNS-blokkades tegen kinderpornografisch materiaal: zelfde woord, ander onderwerp")]))
C.append(("Digitale soevereiniteit: DNS en afhankelijkheid van Amerikaanse en Chinese techmonopolies", {
    "inb_dns_glpvda": (INB, "Deze leden steunen de roep om een robuuste en gediversifieerde Domain Name System (DNS)-infrastructuur."),
    "m1317": ("kst-26643-1317.xml", None), "m1315": ("kst-26643-1315.xml", None), "m1319": ("kst-26643-1319.xml", None),
    "m1320": ("kst-26643-1320.xml", None), "m1323": ("kst-26643-1323.xml", None), "m36574_14": ("kst-36574-14.xml", None),
    "m36592_18": ("kst-36592-18.xml", None)},
    ["inb_dns_glpvda"],
    [("kst-31985-88.xml", None, "digitaledienstenbelasting voor Amerikaanse techbedrijven: handelspolitiek, geen soevereiniteit")]))
C.append(("Veilige satellietcommunicatie: IRIS2 en afhankelijkheid van Starlink", {
    "inb_iris": (INB, "Maakt IRIS2 («Infrastructure for Resilience, Interconnectivity and Security by Satellite») hier onderdeel van uit en hoe verhoudt zich dit tot bijvoorbeeld Starlink?"),
    "m24446_93": ("kst-24446-93.xml", None)},
    ["inb_iris", "m24446_93"],
    [("kst-22343-415.xml", None, "satellietbeelden en cloud voor omgevingsdiensten: technologie, niet satellietcommunicatie")]))
CLOUD = ["kst-21501-33-1155.xml", "kst-26643-1268.xml", "kst-26643-1294.xml", "kst-26643-1315.xml", "kst-26643-1316.xml",
         "kst-26643-1318.xml", "kst-26643-1319.xml", "kst-26643-1320.xml", "kst-26643-1321.xml", "kst-26643-1323.xml",
         "kst-36574-5.xml", "kst-36574-6.xml", "kst-36574-7.xml", "kst-36574-9.xml", "kst-36574-10.xml", "kst-36574-11.xml",
         "kst-36574-12.xml", "kst-36574-13.xml", "kst-36800-IX-17.xml"]
mem = {p: (p, None) for p in CLOUD}
mem["inb_cloud"] = (INB, "Deze standaarden zouden evengoed moeten gelden voor cloudinfrastructuur, menen zij.")
C.append(("Soevereine cloud: overheid minder afhankelijk van Amerikaanse cloudaanbieders", mem,
    ["inb_cloud", "kst-26643-1315.xml", "kst-36574-13.xml", "kst-36800-IX-17.xml", "kst-26643-1321.xml"],
    [("kst-22343-415.xml", None, "cloud als technologie voor omgevingsdiensten, niet over afhankelijkheid"),
     ("kst-31985-105.xml", None, "belasting op Amerikaanse techbedrijven")]))
CABLE = ["kst-22112-4174.xml", "kst-22112-4175.xml", "kst-22112-4176.xml", "kst-26643-1192.xml", "kst-26643-1266.xml",
         "kst-26643-1267.xml", "kst-36592-18.xml"]
C.append(("Nieuwe en beschermde (intercontinentale) zeekabels", {p: (p, None) for p in CABLE},
    ["kst-22112-4174.xml", "kst-26643-1192.xml", "kst-22112-4176.xml"], []))
C.append(("Quantumcomputers en quantumveilige (post-quantum) encryptie", {
    "aw_quantum": ("1c0f765c-d7b4-455e-a241-35a4e9a9dc36.pdf", "Bent u bekend met het risico dat quantumcomputing encryptie zal doorbreken en daarmee toegang wordt verkregen tot een schat aan gevoelige informatie?"),
    "vs_pqc": ("2025-verslag-eu-raad-cyber-werksessies.txt", "Nederland legde nadruk op AI-gedreven systemen en post-quantum cryptografie om ook in de toekomst weerbaar te blijven tegen aanvallen."),
    "csbn_quantum": ("cybersecuritybeeld_nederland_2024.pdf", "Versleutelde data die nu onderschept en opgeslagen wordt, kan mogelijk namelijk op een later moment ontsleuteld worden met een quantumcomputer.")},
    ["aw_quantum", "vs_pqc", "csbn_quantum"],
    [("sample_vlos_29d8cf68-423e-4ae9-b4f0-7e908c7f5311_fb28c35e-af8d-49ee-8905-ad41eb41e4de.xml", "Wat zijn de consequenties van de Chinese voortgang op sleuteltechnologieën zoals quantum sensing, waarmee bijvoorbeeld F-35's en onderzeeboten te detecteren zijn?", "quantum sensing voor detectie, niet encryptie")]))
AGE = ["kst-21501-33-1154.xml", "kst-21501-33-1159.xml", "kst-26643-1154.xml", "kst-26643-1163.xml", "kst-36531-20.xml", "kst-26643-1171.xml"]
C.append(("Online leeftijdsverificatie om kinderen te beschermen", {p: (p, None) for p in AGE},
    ["kst-21501-33-1154.xml", "kst-26643-1163.xml"],
    [("cybersecuritybeeld_nederland_2024.pdf", "Gevoelige persoonlijke informatie van dienst voor identiteit- en leeftijdsverificatie online toegankelijk", "datalek bij een verificatiebedrijf: cyberincident, geen kinderbescherming")]))
PHONE = ["kst-26643-1152.xml", "kst-26643-1161.xml", "kst-26643-1299.xml", "kst-26643-1302.xml", "kst-26643-1303.xml", "kst-36740-VII-28.xml"]
C.append(("Smartphones, schermtijd en socialemediaverslaving bij kinderen en jongeren", {p: (p, None) for p in PHONE},
    ["kst-26643-1302.xml", "kst-36740-VII-28.xml"], []))
HARM = ["kst-36600-VII-73.xml", "kst-36600-VII-112.xml", "kst-36531-17.xml", "kst-26643-1414.xml", "kst-21501-33-1158.xml",
        "kst-21501-02-3022.xml", "kst-21501-02-3033.xml"]
C.append(("Schadelijke en extreme content op onlineplatforms: moderatie, algoritmes, DSA-handhaving", {p: (p, None) for p in HARM},
    ["kst-36600-VII-73.xml", "kst-26643-1414.xml"], []))
C.append(("Buitenlandse (Russische) inmenging in Europese verkiezingen via desinformatie", {
    "vlos_moldavie": ("sample_vlos_16a72e1d-7a35-4b4d-ad6a-c2e7622c573e_7fcd2ba9-3e41-4930-a4fe-af3088f11c50.xml", "Bij de verkiezingen in de loop van dit jaar probeert Moskou via desinformatie en de omkoping van kiezers de pro-Europese koers te ondermijnen."),
    "m3043": ("kst-21501-02-3043.xml", None), "m3022": ("kst-21501-02-3022.xml", None), "m3033": ("kst-21501-02-3033.xml", None)},
    ["vlos_moldavie", "m3043"],
    [("kst-32793-806.xml", None, "desinformatie over anticonceptie: zelfde woord, ander onderwerp")]))
DC = ["kst-26643-1186.xml", "kst-29023-580.xml", "kst-36574-8.xml"]
C.append(("Datacenters: energievraag en ruimte", {p: (p, None) for p in DC}, ["kst-29023-580.xml", "kst-26643-1186.xml"],
    [("kst-21501-02-3231.xml", None, "Palestijnse gesprekken in een Microsoft-datacenter: mensenrechten, geen energie")]))
C.append(("Netcongestie en leveringszekerheid van elektriciteit", {
    "aw_stroom": ("1cf0c343-2da4-429d-8a6d-729da6008af1.pdf", "Hoe apprecieert u het feit dat verschillende experts en bedrijven uit de energiesector aangeven dat leveringszekerheid van elektriciteit een blinde vlek is van Nederland?"),
    "m473": ("kst-29023-473.xml", None), "m546": ("kst-29023-546.xml", None), "m649": ("kst-21501-30-649.xml", None),
    "m580": ("kst-29023-580.xml", None)},
    ["aw_stroom", "m546"], []))
C.append(("Waterstof en de Delta Rhine Corridor voor verduurzaming van de industrie", {
    "aw_drc": ("1a2d8959-7ce1-411d-bffe-c78970ae8d6b.pdf", "Welke gevolgen brengt dit met zich mee voor de verduurzaming van de industrie waarvoor de Delta Rhine Corridor cruciaal is?"),
    "m413": ("kst-31239-413.xml", None), "m415": ("kst-31239-415.xml", None), "m405": ("kst-31239-405.xml", None),
    "m414": ("kst-31239-414.xml", None)},
    ["aw_drc", "m415"], []))
C.append(("Jeugdzorg: financiering, tarieven en aanbieders die niet rondkomen", {
    "aw_jeugd": ("1b922783-f576-4df5-a031-ad0063d2afd4.pdf", "De aangedragen factoren uit dit onderzoek kunnen een probleem zijn als hier in de tarieven onvoldoende rekening mee wordt gehouden"),
    "m1040": ("kst-31839-1040.xml", None), "m36546_51": ("kst-36546-51.xml", None), "m101": ("kst-36410-XVI-101.xml", None),
    "vlos_jeugd": ("sample_vlos_f6102bb7-43b5-4d46-994a-2cebf2354dbf_66ab0b76-d942-425b-9c34-30e39f7946a7.xml", "constaterende dat vanaf volgend jaar 450 miljoen wordt bezuinigd op de jeugdzorg, wat oploopt tot 1,8 miljard")},
    ["aw_jeugd", "m36546_51"], []))
FOS = ["kst-21501-33-1072.xml", "kst-21501-33-1086.xml", "kst-21501-33-1092.xml", "kst-21501-33-1102.xml",
       "kst-21501-33-1103.xml", "kst-21501-33-1105.xml", "kst-32813-1325.xml"]
C.append(("Afbouw van fossiele subsidies en fossiele brandstoffen", {p: (p, None) for p in FOS},
    ["kst-21501-33-1072.xml", "kst-21501-33-1103.xml", "kst-32813-1325.xml"],
    [("kst-36410-VIII-95.xml", None, "fossiele industrie en desinformatie in het onderwijs")]))
GAZA = ["kst-21501-02-2856.xml", "kst-21501-02-2874.xml", "kst-21501-02-3105.xml", "kst-21501-02-3112.xml",
        "kst-36410-XVII-38.xml", "kst-36760-32.xml", "d7a5dc6c-3636-4acd-8630-96c14e97dcce.pdf"]
mem = {p: (p, None) for p in GAZA}
mem["vlos_art2"] = ("sample_vlos_f3a8f9bb-909e-45ec-87fd-4a699b2f6e94_9825dccb-de86-48e0-a1db-7a97bf0379b1.xml",
                    "Er is weer bevestigd dat Israël handelt in strijd met artikel 2 van het EU-Israël-associatieakkoord door het collectief straffen, het inzetten van honger als wapen, het blokkeren van humanitaire hulp")
C.append(("Gaza: humanitaire situatie, hulp en het optreden van Israël", mem,
    ["vlos_art2", "kst-21501-02-2856.xml", "kst-36410-XVII-38.xml"],
    [("kst-29984-1192.xml", None, "sit-ins in stationshallen: demonstratierecht in Nederland"),
     ("cybersecuritybeeld_nederland_2024.pdf", "Ook het conflict in Gaza heeft geleid tot DDoS-aanvallen.", "DDoS-aanvallen, cybersecurity")]))
C.append(("Groningen: schadeafhandeling en versterking na de gaswinning", {
    "vlos_erfgoed": ("sample_vlos_986eef87-cb77-4fe9-9b8a-c843ea38f21f_0f7db5f3-0fe6-499d-a5f3-0f83a8320ac1.xml", "overwegende dat Groningen prachtig erfgoed heeft en er 6.600 schademeldingen zijn aan erfgoed"),
    "m1252": ("kst-33529-1252.xml", None), "m1311": ("kst-33529-1311.xml", None), "m1328": ("kst-33529-1328.xml", None),
    "m1331": ("kst-33529-1331.xml", None)},
    ["vlos_erfgoed", "m1328"],
    [("kst-33529-1316.xml", None, "AI-fabriek in Groningen: zelfde dossier en provincie, ander onderwerp"),
     ("kst-33529-1324.xml", None, "AI-fabriek in Groningen")]))
C.append(("Passend onderwijs en thuiszitters", {
    "vlos_thuis": ("sample_vlos_dc665b38-00f1-4efe-a39a-1245ddd7e2ef_1378fd61-cf82-4208-a700-021382f839b0.xml", "constaterende dat in het Thuiszitterspact onderwijskoepels en ministeries hebben afgesproken dat in 2020 geen enkel kind thuiszit zonder passend onderwijs"),
    "m479": ("kst-31497-479.xml", None), "m481": ("kst-31497-481.xml", None), "m133": ("kst-36600-VIII-133.xml", None)},
    ["vlos_thuis", "m133"], []))
C.append(("Box 3: vermogensrendementsheffing, rechtsherstel en werkelijk rendement", {
    "vlos_box3": ("sample_vlos_cb1f7745-3650-4401-af45-e8b3ac5e8c1f_7c03aa0a-f8b8-482f-bf04-06a5866c5741.xml", "verzoekt de regering om nader onderzoek te doen naar de juridische risico's van het hybride systeem van werkelijk rendement"),
    "m115": ("kst-36602-115.xml", None), "m36625_3": ("kst-36625-3.xml", None),
    "jp_box3": ("jaarplan_belastingdienst_2024.pdf", "Rond het rechtsherstel box 3 verwachten we in 2024 uitspraken van de Hoge Raad in meerdere lopende cassatieprocedures.")},
    ["vlos_box3", "m115"],
    [("kst-32140-247.xml", None, "belastingdruk van particuliere verhuurders (noemt box 3 terloops)")]))
MEST = ["kst-21501-32-1604.xml", "kst-36618-24.xml", "kst-33037-568.xml", "kst-33037-579.xml", "kst-30252-156.xml",
        "kst-36755-40.xml", "kst-30252-142.xml", "kst-36410-XIV-70.xml", "kst-36410-XIV-76.xml", "kst-36410-XIV-77.xml",
        "kst-33037-539.xml", "kst-30252-135.xml"]
mem = {p: (p, None) for p in MEST}
mem["hand_mest"] = ("ed7ffb05-ec88-44ef-a7a0-92caf70df476.pdf", "Ondertussen zien we dat er in de agrarische sector heel grote zorgen zijn over de mestmarkt.")
C.append(("Mestbeleid: de overspannen mestmarkt, mestplafond, mestverwerking en derogatie", mem,
    ["hand_mest", "kst-36618-24.xml", "kst-36410-XIV-70.xml", "kst-30252-135.xml"], []))
C.append(("Bosnië en Herzegovina: stabiliteit, Republika Srpska, toetreding", {
    "vlos_bih": ("sample_vlos_e714e7d8-b636-41a2-a36d-6c9072cff5c9_93758182-978b-4899-9d4d-1776c7baeab3.xml", "Vandaag de dag beleeft het land zijn diepste constitutionele crisis sinds de oorlog, nu bijna 30 jaar geleden."),
    "m2054": ("kst-21501-20-2054.xml", None), "m2055": ("kst-21501-20-2055.xml", None)},
    ["vlos_bih", "m2054"], []))

# judged links outside a source's cluster (read after pooling the results of a small test store)
EXTRA = {"kst-26643-1302.xml": ["kst-21501-33-1158.xml", "kst-26643-1414.xml"]}


def records():
    out = []
    for subject, members, sources, looks in C:
        items = {k: item(*v) for k, v in members.items()}
        for s in sources:
            src = items[s]
            rel = [it for k, it in items.items() if it["doc"] != src["doc"]] + [item(p) for p in EXTRA.get(s, [])]
            rec = {"source": {"doc": src["doc"], "quote": src["quote"]}, "subject": subject,
                   "source_type": doc(src["doc"])["doc_type"], "related": rel,
                   "not_related": [{**item(p, q), "why": why} for p, q, why in looks]}
            out.append(rec)
    return out

recs = records()
# split by source document: whole documents alternate over tune/test, in order of first appearance
docs_order = []
for r in recs:
    if r["source"]["doc"] not in docs_order: docs_order.append(r["source"]["doc"])
# alternate separately for moties and for the other types, so both splits hold every kind;
# the inbreng (the examples) is on test
split = {"seeds/" + INB: "test"}
for kind in (True, False):
    rest = [d for d in docs_order if d not in split and (doc(d)["doc_type"] == "motie") == kind]
    for i, d in enumerate(rest):
        split[d] = "tune" if i % 2 == 0 else "test"
for i, r in enumerate(recs, 1):
    r["id"] = f"rel{i:02d}"; r["split"] = split[r["source"]["doc"]]
# Pooled judgements (eval/gold/related_pool.jsonl, 2026-12-04): the top 10 of the legacy, dense
# and subject methods for every source, less what the clusters already judged, were judged
# blind (the method not shown) by subject against the record's subject and source passage; a
# passage judged related joins `related` (a motie by document, other types by passage), the
# ones judged not related stay in that file only, so a later pool need not judge them again.
POOL = Path(__file__).resolve().parent / "gold" / "related_pool.jsonl"
by_id = {r["id"]: r for r in recs}
for line in POOL.read_text(encoding="utf-8").splitlines() if POOL.exists() else []:
    j = json.loads(line)
    if not j["related"]:
        continue
    r = by_id[j["id"]]
    d = doc(j["doc"])
    assert norm(j["quote"]) in norm(d["text"]) and d["path"] != r["source"]["doc"], j
    ref = {"doc": d["path"], "quote": j["quote"], "scope": "document" if d["doc_type"] == "motie" else "passage",
           "why": "pooled judgement: " + j["why"]}
    if not any(x["doc"] == ref["doc"] and (x["scope"] == "document" or x["quote"] == ref["quote"]) for x in r["related"]):
        r["related"].append(ref)
with open(ARGS.out, "w") as f:
    for r in recs:
        f.write(json.dumps({k: r[k] for k in ("id", "split", "subject", "source_type", "source", "related", "not_related")}, ensure_ascii=False) + "\n")
print(len(recs), collections.Counter(r["split"] for r in recs), collections.Counter(r["source_type"] for r in recs))
print(collections.Counter((r["split"], r["source_type"]) for r in recs))
print("related per source", sorted(len({x['doc'] for x in r['related']}) for r in recs))
