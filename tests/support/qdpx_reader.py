#!/usr/bin/python3
"""An independent REFI-QDA reader for the tests, written apart from the app's
TypeScript reader: Python's zipfile, and the XSD engine of the xmlschema
package (Debian's python3-xmlschema; the tests run without the Python package
index, see README "REFI-QDA projects").

  qdpx_reader.py read FILE.qdpx SCHEMA.xsd   validates project.qde, prints the project as JSON
  qdpx_reader.py write FILE.qdpx             writes a small project from scratch with lxml

Positions are Unicode code points, as the standard says; Python strings count
code points, so a selection's text is text[start:end].
"""
import json
import sys
import zipfile

NS = "urn:QDA-XML:project:1.0"


def q(name):
    return "{%s}%s" % (NS, name)


def read(path, schema_path):
    import xmlschema
    from xml.etree import ElementTree

    with zipfile.ZipFile(path) as z:
        qde = z.read("project.qde")
        texts = {n.split("/", 1)[1].lower(): z.read(n).decode("utf-8") for n in z.namelist() if n.lower().startswith("sources/") and n.lower().endswith(".txt")}
    schema = xmlschema.XMLSchema(schema_path)
    root = ElementTree.fromstring(qde)
    errors = [str(e.reason) for e in schema.iter_errors(root)]
    codes = {}

    def walk(code, parents):
        names = parents + [code.get("name")]
        codes[code.get("guid").upper()] = names
        for child in code.findall(q("Code")):
            walk(child, names)

    for code in root.findall("%s/%s/%s" % (q("CodeBook"), q("Codes"), q("Code"))):
        walk(code, [])
    users = {u.get("guid").upper(): u.get("name") for u in root.iter(q("User"))}
    notes = {}
    for note in root.iter(q("Note")):
        content = note.find(q("PlainTextContent"))
        notes[note.get("guid").upper()] = {"name": note.get("name"), "text": content.text or "" if content is not None else ""}
    sources = []
    for source in root.iter(q("TextSource")):
        if source.get("plainTextPath") is None:
            continue
        text = texts[source.get("plainTextPath").split("internal://", 1)[1].lower()]
        selections = []
        for sel in source.findall(q("PlainTextSelection")):
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            selections.append({
                "text": text[start:end],
                "start": start,
                "end": end,
                "user": users.get((sel.get("creatingUser") or "").upper()),
                "codes": [codes[c.find(q("CodeRef")).get("targetGUID").upper()] for c in sel.findall(q("Coding"))],
                "notes": [notes[r.get("targetGUID").upper()] for r in sel.findall(q("NoteRef"))],
            })
        sources.append({"name": source.get("name"), "length": len(text), "selections": selections})
    print(json.dumps({"valid": not errors, "errors": errors[:10], "name": root.get("name"), "users": sorted(users.values()),
                      "codes": sorted(" > ".join(p) for p in codes.values()), "sources": sources}, ensure_ascii=False))


def write(path):
    """A project as another tool might write it: a code tree, one source, selections on
    known words (one after a character outside the BMP), notes and a picture source."""
    from lxml import etree

    text = "Officials said the dam 🌊 was breached at dawn. A witness saw the water rise.\nNo one confirmed the cause."
    guid = lambda n: "00000000-0000-4000-8000-%012d" % n
    project = etree.Element(q("Project"), nsmap={None: NS}, name="Written by lxml", origin="qdpx_reader.py", creatingUserGUID=guid(1))
    users = etree.SubElement(project, q("Users"))
    etree.SubElement(users, q("User"), guid=guid(1), name="Rosa Reader")
    codes = etree.SubElement(etree.SubElement(project, q("CodeBook")), q("Codes"))
    parent = etree.SubElement(codes, q("Code"), guid=guid(10), name="Who speaks", isCodable="false")
    etree.SubElement(parent, q("Code"), guid=guid(11), name="named official", isCodable="true", color="#123456")
    etree.SubElement(parent, q("Code"), guid=guid(12), name="Eyewitness", isCodable="true")
    etree.SubElement(codes, q("Code"), guid=guid(13), name="Water", isCodable="true")
    sources = etree.SubElement(project, q("Sources"))
    source = etree.SubElement(sources, q("TextSource"), guid=guid(20), name="Dam report", plainTextPath="internal://%s.txt" % guid(20), creatingUser=guid(1))
    picks = [("Officials said the dam 🌊 was breached at dawn.", [11, 13], True), ("A witness saw the water rise.", [12], False), ("No one confirmed the cause.", [], False)]
    for i, (words, code_ids, noted) in enumerate(picks):
        start = text.index(words)
        sel = etree.SubElement(source, q("PlainTextSelection"), guid=guid(30 + i), name=words[:20], startPosition=str(start), endPosition=str(start + len(words)), creatingUser=guid(1), creationDateTime="2024-05-01T10:00:00Z")
        for j, code in enumerate(code_ids):
            coding = etree.SubElement(sel, q("Coding"), guid=guid(40 + 10 * i + j), creatingUser=guid(1))
            etree.SubElement(coding, q("CodeRef"), targetGUID=guid(code))
        if noted:
            etree.SubElement(sel, q("NoteRef"), targetGUID=guid(50))
    etree.SubElement(sources, q("PictureSource"), guid=guid(21), name="Photo of the dam", path="internal://%s.jpg" % guid(21))
    notes = etree.SubElement(project, q("Notes"))
    note = etree.SubElement(notes, q("Note"), guid=guid(50), name="Memo")
    etree.SubElement(note, q("PlainTextContent")).text = "Check the time <of> day & the place."
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("project.qde", etree.tostring(project, xml_declaration=True, encoding="UTF-8"))
        z.writestr("sources/%s.txt" % guid(20), text.encode("utf-8"))
        z.writestr("sources/%s.jpg" % guid(21), b"\xff\xd8\xff\xe0 not really a picture")


if __name__ == "__main__":
    if sys.argv[1:2] == ["read"] and len(sys.argv) == 4:
        read(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["write"] and len(sys.argv) == 3:
        write(sys.argv[2])
    else:
        sys.exit(__doc__)
