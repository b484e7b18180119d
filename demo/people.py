"""Demo people: teams of caseworkers, their managers, the head of service, panel members,
directory editors and an administrator. Synthetic names only."""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import Team, User

DEMO_PASSWORD = "demo-password-2026"  # printed by the first set-up command; demo data only
TEAM_NAMES = ("North and West team", "South and East team", "Post-16 team")

# (user name, first, last, roles, team index or None, job title)
SIGN_INS = (
    ("caseworker", "Sam", "Okafor", (roles.CASEWORKER,), 0, "EHC coordinator"),
    ("manager", "Priya", "Shah", (roles.MANAGER,), None, "SEND team manager"),
    ("head", "Grace", "Adeyemi", (roles.HEAD_OF_SERVICE,), None, "Head of SEND service"),
    ("panel", "Dr Helen", "Marsh", (roles.PANEL_MEMBER,), None, "Educational psychologist"),
    ("editor", "Tom", "Reid", (roles.DIRECTORY_EDITOR,), None, "Local Offer officer"),
    ("admin", "Alex", "Morgan", (roles.ADMINISTRATOR,), None, "Service administrator"),
)


def build_people(*, rng, faker, caseworkers_per_team: int = 6) -> dict:
    """Creates the demo staff; returns teams and caseworkers for the other builders."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ALL}
    teams = [Team.objects.get_or_create(name=name)[0] for name in TEAM_NAMES]
    password = make_password(DEMO_PASSWORD)
    named = {}
    for username, first, last, role_names, team_index, title in SIGN_INS:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "password": password,
                "team": teams[team_index] if team_index is not None else None,
                "job_title": title,
                "is_staff": roles.ADMINISTRATOR in role_names,
                "email": f"{username}@example.gov.uk",
            },
        )
        user.groups.set([groups[name] for name in role_names])
        named[username] = user
    for team in teams:
        team.managers.add(named["manager"])
    caseworkers = {team.pk: [] for team in teams}
    caseworkers[teams[0].pk].append(named["caseworker"])
    new_users = []
    for team in teams:
        for index in range(caseworkers_per_team - len(caseworkers[team.pk])):
            first, last = faker.first_name(), faker.last_name()
            new_users.append(
                User(
                    username=f"cw-{team.pk}-{index + 1}",
                    first_name=first,
                    last_name=last,
                    password=password,
                    team=team,
                    job_title="EHC coordinator",
                    email=f"cw-{team.pk}-{index + 1}@example.gov.uk",
                )
            )
    User.objects.bulk_create(new_users, ignore_conflicts=True)
    for user in User.objects.filter(username__startswith="cw-"):
        user.groups.add(groups[roles.CASEWORKER])
        caseworkers[user.team_id].append(user)
    panel_members = [named["panel"]]
    for index, title in enumerate(
        ("Designated medical officer", "Social care lead", "Head teacher")
    ):
        user, _ = User.objects.update_or_create(
            username=f"panel-{index + 1}",
            defaults={
                "first_name": faker.first_name(),
                "last_name": faker.last_name(),
                "password": password,
                "job_title": title,
            },
        )
        user.groups.add(groups[roles.PANEL_MEMBER])
        panel_members.append(user)
    return {
        "teams": teams,
        "caseworkers": caseworkers,
        "named": named,
        "panel_members": panel_members,
    }
