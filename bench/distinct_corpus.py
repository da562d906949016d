# Copied from the shared tools (shared/tools/distinct_corpus.py) so that the bench is self-contained; only the
# entry point changed: it runs when executed, not when imported.
"""A realistic large corpus from the seed: N copies of its 11 reports, one report a file, which do not
collapse into each other (as a real archive of many units' reports would not).

Per copy: figures shifted, XX replaced by a place name, and in every body line a share of the clauses
(1 - KEEP) rewritten by a per-copy substitution of the CJK characters that are neither role cues
(问题, 计划, 成效, 一是…) nor in a report title (genre words). Headings, titles, markers, signatures and dates are left as they are, so
every copy has the seed's outline; KEEP of the clauses stay word for word (the boilerplate that real
reports share).  Deterministic for given arguments.

With --all, long numbered lines are rewritten too, after their run-in heading (the text up to the
first 。), so that nearly every body sentence differs between copies (KEEP=0 then gives a corpus of
distinct text; the default leaves numbered lines as they are).

usage: distinct_corpus.py SEED.txt OUT_DIR COPIES [KEEP=0.5] [--all]
"""
import random, re, sys
from pathlib import Path

TITLES = ["2023年行风建设工作总结", "XX乡2023年工作总结", "区城市更新和土地整备局2023年工作总结",
          "区人力资源局关于2023年度区政协提案办理工作的总结", "市民政局2023年度行政执法工作总结",
          "市统计局2023年人事工作总结", "市卫健委2023年突发公共卫生事件工作总结", "县融媒体中心2023年工作总结",
          "县审计局2023年工作总结", "县住建局2023年度农村危房改造工作总结", "镇2023均衡发展工作总结"]
CUES = "问题不足困难短板差距计划下一步今后明年打算思路措施成效成绩完成同比增长下降比上年坚持加强推进落实开展将要一是二是三是四是五是总结报告如下特此"
MARKER = re.compile(r"^\s*([一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[.．、])")
CJK = re.compile(r"[\u4e00-\u9fff]")
CLAUSE = re.compile(r"[^，。；：！？、\n]+")
NAMES = ["东城", "西岭", "南湖", "北山", "青溪", "白沙", "红岩", "金坪", "石门", "桃源"]

def split_reports(text):
    lines = text.splitlines()
    starts = []
    for t in TITLES:  # the last occurrence of each title line is the report (the first is the TOC)
        idx = [i for i, l in enumerate(lines) if l.strip() == t]
        starts.append(idx[-1])
    starts.append(len(lines))
    return ["\n".join(lines[a:b]).strip() + "\n" for a, b in zip(starts, starts[1:])]

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    if "-h" in sys.argv or "--help" in sys.argv or len(args) < 3:
        print(__doc__.strip()); sys.exit(0 if len(args) >= 3 or "-h" in sys.argv or "--help" in sys.argv else 2)
    rewrite_all = "--all" in sys.argv
    seed, out, copies = Path(args[0]), Path(args[1]), int(args[2])
    keep = float(args[3]) if len(args) > 3 else 0.5
    reports = split_reports(seed.read_text(encoding="utf-8"))
    protected = set(CJK.findall(CUES + "".join(TITLES)))  # role cues and genre words survive
    pool = sorted(set(CJK.findall("".join(reports))) - protected)  # the seed's own characters
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for n in range(copies):
        rng = random.Random(n)
        name = rng.choice(NAMES)
        cipher = {}
        def sub_clause(m):
            c = m.group(0)
            if rng.random() < keep or len(c) < 6:
                return c
            head, body = c[:2], c[2:]
            return head + "".join(cipher.setdefault(ch, rng.choice(pool)) if ch not in protected and "\u4e00" <= ch <= "\u9fff" else ch for ch in body)
        def shift(m):
            v = m.group(0)
            return v if v.startswith("20") and len(v) == 4 else str(max(1, round(float(v) * rng.uniform(0.8, 1.25))))
        for k, r in enumerate(reports):
            r = r.replace("XX", name)
            lines = []
            for l in r.splitlines():
                s = l.strip()
                if len(s) <= 40 or (MARKER.match(s) and not rewrite_all):  # titles, headings, signatures, dates
                    lines.append(l)
                    continue
                if MARKER.match(s):  # --all: keep the run-in heading, rewrite what follows it
                    cut = l.find("。") + 1 or len(l)
                    head, rest = l[:cut], l[cut:]
                    rest = re.sub(r"(?<=[^\d.])\d+(?:\.\d+)?(?=[^\d.])", shift, rest)
                    lines.append(head + CLAUSE.sub(sub_clause, rest))
                    continue
                l = re.sub(r"(?<=[^\d.])\d+(?:\.\d+)?(?=[^\d.])", shift, l)
                lines.append(CLAUSE.sub(sub_clause, l))
            data = ("\n".join(lines) + "\n").encode("utf-8")
            (out / f"c{n:04d}-{k:02d}.txt").write_bytes(data)
            total += len(data)
    print(total)



if __name__ == "__main__":
    main()
