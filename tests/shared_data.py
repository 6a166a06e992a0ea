"""Constants the tests share: the long news article they work on, and the sentence analysts check.

The article (tests/data/articles/coalition-desk.txt) was written for these tests: a news
report of about 9,500 characters, one paragraph per line, with curly quotes, numbers,
attributed quotes and phrases that repeat as they do in real copy. It is modelled on
reporting about a March 2025 meeting in Britain; the analysts, the officers quoted
anonymously, the poll and some figures are invented. Tests rely on its wording:

* the first line starts "Military chiefs from some 30 countries";
* ``US_QUOTE`` occurs once, as do "Kremlin spokesman Dmitry Peskov told reporters",
  "Europe has embarked on a militarisation of itself", "Northwood military base" and
  "On Tuesday, Trump and Putin held a phone conversation, …";
* "Kremlin" occurs exactly twice; "Dmitry Peskov said" and "Peskov said" do not occur
  (tests create them by replacement);
* “coalition of the willing” (curly quotes) occurs once; the bare phrase three times.
"""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COALITION_ARTICLE = REPO / "tests" / "data" / "articles" / "coalition-desk.txt"
US_QUOTE = "the United States has so far declined to commit to supporting any Western military presence in Ukraine"
