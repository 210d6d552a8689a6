"""Every place at 360x740, in Indonesian and English: no sideways scrolling, no word broken mid-letter,
targets big enough for a thumb. Screenshots land in test-artifacts/phone-<language>-<place>.png."""

import pytest

from kenal.accounts.demo import demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 360, 740

# What a thumb needs, measured on the rendered page; returns one line per problem.
PROBLEMS_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const visible = (el) => {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && !el.closest('details:not([open]) > :not(summary)');
  };
  const describe = (el) => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 40);
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text}"`;
  };
  if (document.documentElement.scrollWidth > width || document.body.scrollWidth > width) {
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px wide`);
  }
  for (const el of document.querySelectorAll('main *, header *, nav *')) {
    if (!visible(el) || el.closest('svg')) continue;
    const rect = el.getBoundingClientRect();
    if (rect.right > width + 1 && !el.closest('.scroll-x')) problems.push(`${describe(el)} sticks out to ${Math.round(rect.right)}px`);
  }
  // Words broken mid-letter: a word of letters whose characters lie on more than one line.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !visible(parent) || parent.closest('script, style, svg, code, .skip')) continue;
    for (const match of node.textContent.matchAll(/[\\p{L}]{2,}/gu)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) problems.push(`"${match[0]}" is broken across lines in ${describe(parent)}`);
    }
  }
  // Buttons, fields, selects and links that stand alone in a list: 44px. Checkboxes and radios: 24px, labelled.
  const controls = 'button, .button, select, textarea, summary, input:not([type=hidden]):not([type=checkbox]):not([type=radio])';
  for (const el of document.querySelectorAll(controls)) {
    if (!visible(el) || el.closest('.foot')) continue;
    const rect = el.getBoundingClientRect();
    if (rect.height < 43.5 || rect.width < 43.5) problems.push(`${describe(el)} is ${Math.round(rect.width)}x${Math.round(rect.height)}px`);
  }
  for (const el of document.querySelectorAll('li a, nav a')) {
    if (!visible(el) || el.closest('svg')) continue;
    const item = el.closest('li');
    const standsAlone = el.closest('nav') || (item && item.innerText.trim() === el.innerText.trim());
    const rect = el.getBoundingClientRect();
    if (standsAlone && rect.height < 43.5) problems.push(`link ${describe(el)} is ${Math.round(rect.height)}px tall`);
  }
  for (const el of document.querySelectorAll('input[type=checkbox], input[type=radio]')) {
    if (!visible(el)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.height < 23.5 || rect.width < 23.5) problems.push(`${el.type} ${describe(el)} is ${Math.round(rect.width)}px`);
    if (!el.labels || !el.labels.length) problems.push(`${el.type} ${describe(el)} has no label to tap`);
  }
  // Text in pictures (the network graph) is readable: 12px at least as drawn.
  for (const el of document.querySelectorAll('svg text')) {
    const rect = el.getBoundingClientRect();
    if (rect.height && rect.height < 12) problems.push(`graph label "${el.textContent}" is ${rect.height.toFixed(1)}px`);
  }
  for (const el of document.querySelectorAll('svg a')) {
    const rect = el.getBoundingClientRect();
    if (rect.height < 23.5 || rect.width < 23.5) problems.push(`graph node "${el.textContent.trim()}" is ${Math.round(rect.width)}px`);
  }
  return problems;
}
"""


def places() -> list[tuple[str, str]]:
    """Every place the issue names, with the demo's first person, engagement and conversation."""
    from kenal.conversations.models import Conversation
    from kenal.engagements.models import Engagement
    from kenal.people.models import Person

    person = Person.objects.order_by("pk").first()
    engagement = Engagement.objects.order_by("pk").first()
    conversation = Conversation.objects.order_by("-message_count", "pk").first()
    return [
        ("today", "/"),
        ("people", "/people/"),
        ("person", person.get_absolute_url()),
        ("promises", "/promises/"),
        ("promises-review", "/promises/review/"),
        ("senders-review", "/conversations/review/"),
        ("work", "/work/"),
        ("engagement", engagement.get_absolute_url()),
        ("pipeline", "/work/pipeline/"),
        ("network", "/network/"),
        ("conversations", "/conversations/"),
        ("conversation", conversation.get_absolute_url()),
        ("message-search", "/conversations/?q=besok"),
        ("reply-times", "/conversations/responsiveness/"),
        ("import-chats", "/conversations/import/"),
        ("import-contacts", "/people/import/vcard/"),
        ("settings", "/accounts/settings/"),
        ("reminder-settings", "/agenda/settings/"),
    ]


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_place_fits_a_phone_with_the_demo_data(browser, live_server, screenshot, language):
    from kenal.accounts.models import User

    demo_load()
    User.objects.filter(email="demo@kenal.local").update(language=language)
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale=f"{language}-ID")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "demo@kenal.local")
    page.fill("#id_password", "kenal-demo")
    page.click("main form button")
    page.wait_for_url(f"{live_server.url}/")
    found = {}
    for name, path in places():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        screenshot(page, f"phone-{language}-{name}")
        problems = page.evaluate(PROBLEMS_JS)
        if problems:
            found[path] = sorted(set(problems))[:12]
    context.close()
    assert not found, "\n".join(f"{path}:\n  " + "\n  ".join(lines) for path, lines in found.items())


def test_today_leads_with_the_items_and_keeps_each_one_short(browser, live_server, screenshot):
    demo_load()
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="id-ID")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "demo@kenal.local")
    page.fill("#id_password", "kenal-demo")
    page.click("main form button")
    page.wait_for_url(f"{live_server.url}/")
    first = page.locator(".agenda-item").first
    assert first.bounding_box()["y"] + first.bounding_box()["height"] <= HEIGHT - 56, (
        "first item below the fold"
    )
    heights = [box["height"] for box in (item.bounding_box() for item in page.locator(".agenda-item").all())]
    assert max(heights) <= 124, heights
    # The filters are folded behind one button, and open on a tap.
    assert not page.locator("#kind").is_visible()
    page.click("summary:has-text('Saring')")
    assert page.locator("#kind").is_visible()
    screenshot(page, "phone-id-today-filters-open")
    context.close()
