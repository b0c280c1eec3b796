"""The sample official documents (our own words): a consultation notice, a council deliberation, a scan.

Dates are relative to the `now` the site is built with, so that the consultation is always open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from newswatch.demo.chrome import MONTHS_FR
from newswatch.demo.pdfmaker import Page, build_pdf, column_pages, scanned_page

PARIS = ZoneInfo("Europe/Paris")  # the sample documents are French: their days are Paris days, as a reader's


def local_day(moment: datetime) -> date:
    """The day `moment` falls on in Paris (near midnight UTC, the next or the same as UTC's)."""
    return moment.astimezone(PARIS).date()


def date_fr(day: date, year: bool = True) -> str:
    """12 janvier 2026 (1er for the first of the month)."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS_FR[day.month - 1]}" + (f" {day.year}" if year else "")


def typeset(text: str) -> str:
    """What a typesetting program does to "fi" and "fl": one ligature glyph each."""
    return text.replace("fi", "\ufb01").replace("fl", "\ufb02")


@dataclass(frozen=True)
class SampleDocument:
    slug: str
    title: str  # what a reader should get as the title
    heading: str
    paragraphs: tuple[str, ...]  # the text as written (no ligatures)
    columns: int = 1
    metadata_title: str | None = None
    created: datetime | None = None
    scanned: bool = False

    def pages(self, interleave: bool = False) -> list[Page]:
        if self.scanned:
            return [scanned_page(1), scanned_page(2)]
        return column_pages(typeset(self.heading), [typeset(p) for p in self.paragraphs], self.columns,
                            interleave=interleave)

    def pdf(self, interleave: bool = False) -> bytes:
        return build_pdf(self.pages(interleave), title=self.metadata_title, created=self.created)


def consultation_notice(now: datetime) -> SampleDocument:
    """A prefecture-style notice opening a public participation period on a data center's ICPE file."""
    opens, closes = local_day(now - timedelta(days=9)), local_day(now + timedelta(days=21))
    signed = local_day(now - timedelta(days=16))
    heading = "Avis de participation du public par voie électronique"
    return SampleDocument(
        slug="avis-participation-public-sesterce-alixan",
        title="Avis de participation du public – demande d'enregistrement ICPE, société Sesterce, Alixan",
        heading=heading,
        metadata_title="Avis de participation du public – demande d'enregistrement ICPE, société Sesterce, Alixan",
        created=datetime(signed.year, signed.month, signed.day, 10, 30),
        paragraphs=(
            "Préfecture de la Drôme – Direction départementale de la protection des populations – Bureau des "
            "installations classées pour la protection de l'environnement.",
            "Par arrêté préfectoral du " + date_fr(signed) + ", une participation du public par voie électronique "
            "est organisée sur la demande d'enregistrement déposée par la société Sesterce pour l'exploitation d'un "
            "centre de données (groupes électrogènes de secours, installations de refroidissement en circuit fermé) "
            "dans l'ancien bâtiment Ecotox du parc d'activités de Rovaltain, sur la commune d'Alixan.",
            f"La participation du public se déroulera du {date_fr(opens, year=opens.year != closes.year)} au "
            f"{date_fr(closes)} inclus. Le dossier, qui comprend la description des installations, l'étude des "
            "flux thermiques et la justification de la conformité aux prescriptions générales, est consultable "
            "sur le site internet de la préfecture et, sur rendez-vous, en mairie d'Alixan.",
            f"Le registre dématérialisé est ouvert jusqu'au {date_fr(closes)} à 17 h. Les observations peuvent "
            "aussi être adressées par courrier au bureau des installations classées; seules celles reçues avant "
            "la clôture seront prises en considération.",
            "À l'issue de la consultation, le préfet statuera par arrêté sur la demande: il pourra accorder "
            "l'enregistrement, l'assortir de prescriptions particulières complémentaires ou le refuser. La "
            "décision finale sera publiée au recueil des actes administratifs de la préfecture.",
            "Toute information complémentaire peut être demandée au pétitionnaire, la société Sesterce, dont le "
            "siège est à Marseille. Le présent avis est affiché en mairie d'Alixan et publié sur le site de la "
            "préfecture quinze jours au moins avant l'ouverture de la participation.",
        ),
    )


def council_deliberation(now: datetime) -> SampleDocument:
    """A two-column town-council deliberation; the data center only appears on its second page."""
    sitting = local_day(now - timedelta(days=25))
    filler = (
        "Le conseil municipal, après en avoir délibéré, approuve à l'unanimité le compte rendu de la séance "
        "précédente ainsi que la modification du tableau des effectifs du personnel communal, rendue nécessaire "
        "par le départ en retraite de l'agent chargé des espaces verts et par la réorganisation du service "
        "technique, qui assure également l'entretien des bâtiments scolaires et du gymnase municipal.",
        "Monsieur le maire expose ensuite les conditions de financement de la rénovation énergétique de l'école "
        "élémentaire: isolation des combles, remplacement des menuiseries et installation d'une pompe à chaleur. "
        "Le plan de financement prévisionnel fait apparaître une subvention de l'État au titre de la dotation de "
        "soutien à l'investissement local et une participation du département.",
        "Le conseil autorise le maire à signer la convention de mise à disposition de la salle des fêtes au profit "
        "des associations communales, fixe les tarifs de location pour les particuliers et confirme la gratuité "
        "pour les écoles, le centre communal d'action sociale et le comité des fêtes.",
    )
    subject = (
        "Au titre des questions diverses, monsieur le maire rend compte de l'avancement du projet de centre de "
        "données de la société Sesterce dans l'ancien bâtiment Ecotox du parc de Rovaltain. Le permis de "
        "construire a été délivré; la société a déposé auprès de la préfecture une demande d'enregistrement au "
        "titre des installations classées, qui fera l'objet d'une participation du public.",
        "Plusieurs conseillers demandent des précisions sur la consommation électrique du site, sur les "
        "prélèvements d'eau du système de refroidissement et sur la réutilisation de la chaleur fatale, promise "
        "pour un futur réseau de chaleur. Le maire indique qu'une réunion publique d'information sera organisée "
        "avec l'exploitant et les services de l'agglomération.",
        "Le conseil municipal prend acte de cette communication et demande que le dossier complet soit tenu à la "
        "disposition des habitants en mairie pendant toute la durée de la consultation.",
    )
    closing = (
        "La séance est levée à vingt-deux heures quinze. Le présent extrait est certifié exécutoire, compte tenu "
        "de sa transmission au contrôle de légalité et de sa publication.",
    )
    return SampleDocument(
        slug="deliberation-conseil-municipal-alixan",
        title=f"Extrait du registre des délibérations du conseil municipal – séance du {date_fr(sitting)}",
        heading=f"Extrait du registre des délibérations du conseil municipal – séance du {date_fr(sitting)}",
        paragraphs=filler * 4 + subject + filler[:2] + closing,
        columns=2,
    )


def scanned_decision(now: datetime) -> SampleDocument:
    """A signed decision that was scanned: pictures of pages and no text layer."""
    return SampleDocument(slug="arrete-signe-scan", title="", heading="", paragraphs=(), scanned=True)


def sample_documents(now: datetime) -> list[SampleDocument]:
    return [consultation_notice(now), council_deliberation(now), scanned_decision(now)]
