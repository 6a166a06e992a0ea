"""`factcheck articles` and `factcheck article show|update|delete|versions|diff`."""

from __future__ import annotations

import argparse
import sys

from factcheck_app.cli.common import (
    add_json,
    add_project,
    confirm_or_refuse,
    open_project,
    parse_date,
    print_json,
    print_json_stream,
)
from factcheck_app.cli.output import article_as_json
from factcheck_app.domain.errors import InvalidInput


def cmd_articles(args: argparse.Namespace) -> int:
    with open_project(args, read_only=True) as project:
        links = project.article_links()
        counts = project.claim_counts()
        articles = project.iter_articles()
        if args.json or args.jsonl:
            items = (article_as_json(a, links=links, claims=counts.get(a.id, 0)) for a in articles)
            print_json_stream(items, lines=args.jsonl)
        else:
            for a in articles:
                print(f"{a.id}\t{counts.get(a.id, 0)} claims\t{a.title}")
    return 0


def cmd_article_show(args: argparse.Namespace) -> int:
    with open_project(args, read_only=True) as project:
        article = project.article(args.article)
        links = project.article_links()
        claims = project.claim_counts().get(article.id, 0)
    data = article_as_json(article, links=links, claims=claims, text=args.text)
    if args.json:
        print_json(data)
        return 0
    if args.text:
        sys.stdout.write(article.text if article.text.endswith("\n") else article.text + "\n")
        return 0
    for key in ("id", "title", "url", "author", "published", "site_name", "original_name", "format"):
        print(f"{key.replace('_', ' ').capitalize() + ':':<15} {data[key] if data[key] is not None else ''}".rstrip())
    print(f"{'Imported:':<15} {article.imported_at:%Y-%m-%d %H:%M}")
    print(f"{'Version:':<15} {article.revision} of {data['versions']}{'' if data['latest'] else ' (not the latest)'}")
    print(f"{'Claims:':<15} {claims}")
    print(f"{'Characters:':<15} {len(article.text)}")
    return 0


def cmd_article_update(args: argparse.Namespace) -> int:
    from factcheck_app.services.edits import UpdateArticleMetadata

    values: dict[str, object] = {}
    for field in ("title", "url", "author", "site_name"):
        if getattr(args, field) is not None:
            values[field] = getattr(args, field)
    if args.published is not None:
        values["published"] = parse_date(args.published, "--published")
    if not values:
        raise InvalidInput("Nothing to change: give --title, --url, --author, --published or --site-name.")
    with open_project(args) as project:
        article = project.article(args.article)
        project.apply(UpdateArticleMetadata(article.id, **values).based_on(article))
    return 0


def cmd_article_delete(args: argparse.Namespace) -> int:
    """Every version of the article goes, with all their claims (as in the window)."""
    from factcheck_app.services.articles import article_deletion

    with open_project(args) as project:
        deletion = article_deletion(project, args.article)
        if deletion.claim_count or len(deletion.versions) > 1:
            confirm_or_refuse(deletion.question, args.yes)
        project.apply(deletion.edit())
    print(f"factcheck: deleted {len(deletion.versions)} version(s), {deletion.claim_count} claim(s)", file=sys.stderr)
    return 0


def cmd_article_versions(args: argparse.Namespace) -> int:
    from factcheck_app.services.edits import revision_family

    with open_project(args, read_only=True) as project:
        links = project.article_links()
        if args.article not in links:
            project.article(args.article)  # NotFound, in the usual words
        counts = project.claim_counts()
        versions = [project.article(i) for i in revision_family(links, args.article)]
    if args.json:
        print_json([article_as_json(a, links=links, claims=counts.get(a.id, 0)) for a in versions])
        return 0
    for a in versions:
        print(f"{a.id}\tversion {a.revision}\t{a.imported_at:%Y-%m-%d %H:%M}\t{counts.get(a.id, 0)} claims\t{a.title}")
    return 0


def cmd_article_diff(args: argparse.Namespace) -> int:
    """What changed between a version and the one it revises (or ``--against``), word by word."""
    from factcheck_app.domain.reanchor import text_diff

    with open_project(args, read_only=True) as project:
        new = project.article(args.article)
        old_id = args.against if args.against is not None else new.revision_of
        if old_id is None:
            raise InvalidInput(f"Article {new.id} is a first version: give --against ARTICLE_ID to compare it.")
        old = project.article(old_id)
    diff = text_diff(old.text, new.text)
    if args.json:
        ops = {-1: "removed", 0: "same", 1: "added"}
        print_json({"old": old.id, "new": new.id, "changes": [{"op": ops[op], "text": text} for op, text in diff]})
        return 0
    print(f"--- article {old.id} (version {old.revision})\n+++ article {new.id} (version {new.revision})")
    sys.stdout.write("".join(text if op == 0 else f"[-{text}-]" if op < 0 else f"{{+{text}+}}" for op, text in diff))
    sys.stdout.write("\n")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("articles", help="list articles (--json: schema factcheck/article@1)")
    add_project(p)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="a JSON array of articles")
    out.add_argument("--jsonl", action="store_true", help="one JSON article per line (streamed)")
    p.set_defaults(func=cmd_articles)

    p = sub.add_parser("article", help="show, change, delete or compare one article")
    article_sub = p.add_subparsers(dest="article_command", required=True, metavar="ACTION")

    show = article_sub.add_parser("show", help="an article's properties (--text: its text)")
    add_project(show)
    show.add_argument("article", type=int, metavar="ARTICLE_ID")
    show.add_argument("--text", action="store_true", help="print the text (with --json: add a text field)")
    add_json(show)
    show.set_defaults(func=cmd_article_show)

    update = article_sub.add_parser("update", help="correct title, URL, author, published date or site")
    add_project(update, writes=True)
    update.add_argument("article", type=int, metavar="ARTICLE_ID")
    update.add_argument("--title")
    update.add_argument("--url")
    update.add_argument("--author")
    update.add_argument("--published", metavar="YYYY-MM-DD", help="'' clears it")
    update.add_argument("--site-name", dest="site_name")
    update.set_defaults(func=cmd_article_update)

    delete = article_sub.add_parser("delete", help="delete an article, all its versions and their claims")
    add_project(delete, writes=True)
    delete.add_argument("article", type=int, metavar="ARTICLE_ID")
    delete.add_argument("--yes", action="store_true", help="do not ask (needed when claims or versions go too)")
    delete.set_defaults(func=cmd_article_delete)

    versions = article_sub.add_parser("versions", help="every version of an article, oldest first")
    add_project(versions)
    versions.add_argument("article", type=int, metavar="ARTICLE_ID")
    add_json(versions)
    versions.set_defaults(func=cmd_article_versions)

    diff = article_sub.add_parser("diff", help="what changed from the previous version ([-removed-] {+added+})")
    add_project(diff)
    diff.add_argument("article", type=int, metavar="ARTICLE_ID")
    diff.add_argument("--against", type=int, metavar="ARTICLE_ID", help="compare with this version instead")
    add_json(diff)
    diff.set_defaults(func=cmd_article_diff)
