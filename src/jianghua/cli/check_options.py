"""The options of ``jianghua check``: the flags ruff users reach for, in Chinese and
English, and the examples ``check --help`` shows."""

from __future__ import annotations

import argparse

from jianghua.checks.diagnostics import Severity
from jianghua.checks.formats import FORMATS
from jianghua.cli.common import positive_int

__all__ = ["EXAMPLES", "configure"]

EXAMPLES = """示例 (examples):
  jianghua check 讲话.txt
  jianghua check samples/ --profile published
  jianghua check 材料/ --statistics       # 每条规则几处 (count per rule)
  jianghua check 讲话.txt --format concise  # 每处一行 (one line per finding)
  cat 讲话.txt | jianghua check --fix - > 改后.txt  # 修复后的全文 (the fixed text)
  jianghua check 讲话.txt --select JH1,JH2 --ignore JH105
  jianghua check 讲话.txt --diff          # 显示可自动修复的改动 (show the fixes)
  jianghua check 讲话.txt --fix           # 改写文件 (write the fixes in place)
  jianghua check 讲话.txt --fix -o 改后.txt     # 修复后另存，原文件不变 (a fixed copy)
  jianghua check 讲话.docx --fix -o 改后.docx   # .docx 同样 (the same for a .docx)
  jianghua check 讲话.docx --fix --in-place     # 直接改写 .docx (rewrite the .docx)
  jianghua check 讲话.txt --format sarif -o check.sarif
  jianghua rules                          # 列出全部规则 (list the rules)
  jianghua rules JH601                    # 某条规则的说明 (one rule's documentation)
"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="FILE",
                        help="讲话稿文件、目录、通配符或 - (speech files, folders, globs, - "
                             "for stdin)")
    selectors = "规则代码、前缀或名称，逗号分隔 (codes, prefixes or names, comma-separated)"
    parser.add_argument("--select", action="append", metavar="RULES",
                        help=f"只检查这些规则 (only these rules): {selectors}")
    parser.add_argument("--ignore", action="append", metavar="RULES",
                        help=f"不检查这些规则 (skip these rules): {selectors}")
    parser.add_argument("--extend-select", action="append", metavar="RULES",
                        help=f"在已选规则外再加上 (add to the selected rules): {selectors}")
    parser.add_argument("--profile", metavar="NAME",
                        help="文本类型 (kind of text): draft（默认 default）| published | "
                             "fragment，可组合 (combinable) 如 published,fragment")
    parser.add_argument("--fail-on", choices=[s.value for s in Severity], default=None,
                        help="达到此级别即以 1 退出，默认 error (exit 1 on findings at or "
                             "above this severity; default error)")
    parser.add_argument("--format", choices=FORMATS, default="human",
                        help="输出格式 (output format), 默认 human")
    fixing = parser.add_mutually_exclusive_group()
    fixing.add_argument("--fix", action="store_true",
                        help="自动修复可安全修复的问题。文本文件直接改写；.docx 不改写原文件，"
                             "须加 -o 副本.docx 或 --in-place；有 -o 时 -o 为修复后的副本，原文件"
                             "不变，报告写到标准输出 (apply the safe fixes: a text file is "
                             "rewritten in place; a .docx is never rewritten unless -o "
                             "COPY.docx or --in-place is given; with -o, for every format, "
                             "-o is the fixed copy, the input is untouched and the report "
                             "goes to stdout)")
    fixing.add_argument("--diff", action="store_true",
                        help="只显示修复后的差异，不写文件 (show the fixes as a diff, write "
                             "nothing)")
    parser.add_argument("--in-place", action="store_true",
                        help="与 --fix 一起且不用 -o：直接改写 .docx 原文件 (with --fix and "
                             "without -o: rewrite a .docx itself)")
    parser.add_argument("--config", metavar="PATH",
                        help="使用此配置文件，不再向上查找 (use this configuration file)")
    parser.add_argument("--isolated", action="store_true",
                        help="忽略所有配置文件 (ignore configuration files)")
    parser.add_argument("-o", "--output", metavar="PATH",
                        help="把报告（--diff 时为差异）写入文件；与 --fix 一起时为修复后的副本 "
                             "(write the report, or the --diff, to PATH; with --fix: the "
                             "fixed copy of the one input, in its own format)")
    parser.add_argument("--no-source", dest="show_source", action="store_false",
                        help="human 格式不显示原文行 (human format: no source excerpts)")
    parser.add_argument("--encoding", metavar="NAME",
                        help="输入编码，默认自动识别 (input encoding; detected by default)")
    parser.add_argument("--statistics", action="store_true",
                        help="只列出每条规则的问题数 (count the findings per rule)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="只列出问题，不显示汇总 (findings only, no summary)")
    parser.add_argument("--show-fixes", action="store_true",
                        help="列出 --fix 所做的每处修改 (list each fix --fix applied)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="彩色输出，auto 为终端上才用；遵守 NO_COLOR (colour: auto = on a "
                             "terminal only; NO_COLOR honoured)")
    parser.add_argument("--stdin-filename", metavar="PATH",
                        help="标准输入的文件名，用于查找配置和显示 (the name of stdin, for "
                             "finding the configuration and in messages)")
    parser.add_argument("--exclude", action="append", metavar="PATTERNS",
                        help="目录和通配符中跳过这些文件，逗号分隔，加在配置的 exclude 之后 "
                             "(skip these files in folders and globs, comma-separated; added "
                             "to the configured exclude)")
    parser.add_argument("--force-exclude", action="store_true",
                        help="命令行上直接给出的文件也按 exclude 跳过（pre-commit 用） (apply "
                             "exclude to files named on the command line too, for pre-commit)")
    parser.add_argument("-j", "--jobs", type=positive_int, default=1, metavar="N",
                        help="并行检查的进程数，默认 1；--fix/--diff 逐个进行 (worker processes; "
                             "default 1; --fix and --diff go one file at a time)")
    parser.add_argument("--show-settings", action="store_true",
                        help="显示第一个文件实际使用的设置后退出 (print the settings that apply "
                             "to the first file, then exit)")
    parser.add_argument("--exit-zero", action="store_true",
                        help="即使发现问题也以 0 退出 (exit 0 even with findings)")
    parser.add_argument("--exit-non-zero-on-fix", action="store_true",
                        help="--fix 修改了文件时以 1 退出 (exit 1 when --fix changed anything)")


