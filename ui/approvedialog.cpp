#include "approvedialog.h"

#include "countrypicker.h"

#include "phone/countrycatalog.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QTextDocument>
#include <QVBoxLayout>

namespace oc {

namespace {

using phone::CountryCatalog;

constexpr int ContentWidth = 440;     // the dialog's text column; names are elided to fit it
constexpr int ShownNames = 4;         // bulk approval lists this many names, then "and n more"
constexpr int Gap = 8;                // between the parts of the dialog, on top of the layout's spacing
const QString Dash = QStringLiteral(" \u2014 "); // "510 — California"

// A tooltip that shows the text as typed, never as markup.
QString plainToolTip(const QString &text)
{
    return Qt::convertFromPlainText(text.left(2000), Qt::WhiteSpaceNormal);
}

QLabel *plainLabel(const QString &accessibleName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setAccessibleName(accessibleName);
    return label;
}

} // namespace

ApproveDialog::ApproveDialog(QList<Organization> organizations, const AssistantTemplate &assistantTemplate,
                             const QString &defaultCountry, const QString &defaultAreaCode, QWidget *parent)
    : QDialog(parent), m_organizations(std::move(organizations)), m_template(assistantTemplate)
{
    const qsizetype count = m_organizations.size();
    setWindowTitle(count > 1 ? tr("Approve %L1 organizations").arg(count) : tr("Approve organization"));
    setSizeGripEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->setSizeConstraint(QLayout::SetFixedSize); // grows with the message, never with a name
    buildHeader(layout);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_country = new CountryPicker(this);
    m_country->setObjectName(QStringLiteral("country"));
    m_country->setAccessibleName(tr("Country"));
    m_country->lineEdit()->setAccessibleName(m_country->accessibleName());
    auto *countryLabel = new QLabel(tr("&Country:"), this);
    countryLabel->setBuddy(m_country);
    form->addRow(countryLabel, m_country);

    m_areaCode = new QComboBox(this);
    m_areaCode->setObjectName(QStringLiteral("areaCode"));
    m_areaCode->setAccessibleName(tr("Area code"));
    m_areaCode->setEditable(true);
    m_areaCode->setInsertPolicy(QComboBox::NoInsert);
    m_areaCode->setMaxVisibleItems(15);
    m_areaCode->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_areaCode->setMinimumContentsLength(24);
    m_areaCode->lineEdit()->setPlaceholderText(tr("Any area code"));
    m_areaCode->lineEdit()->setAccessibleName(m_areaCode->accessibleName());
    m_areaCode->lineEdit()->setMaxLength(64); // room to paste "510 — California", not a novel
    m_areaCode->completer()->setFilterMode(Qt::MatchContains);
    m_areaCode->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_areaCode->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_areaLabel = new QLabel(tr("&Area code:"), this);
    m_areaLabel->setBuddy(m_areaCode);
    form->addRow(m_areaLabel, m_areaCode);

    // Problem or hint under the area code; two lines reserved so the dialog does not jump while typing.
    auto *messageRow = new QHBoxLayout;
    messageRow->setContentsMargins(0, 0, 0, 0);
    m_messageIcon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_messageIcon->setFixedSize(iconSize, iconSize);
    m_messageIcon->setAccessibleName(tr("Warning"));
    m_message = plainLabel(tr("Area code check"), this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setMinimumHeight(2 * m_message->fontMetrics().lineSpacing());
    m_message->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    messageRow->addWidget(m_messageIcon, 0, Qt::AlignTop);
    messageRow->addWidget(m_message, 1);
    form->addRow(QString(), messageRow);

    // Outside NANP: the bundle and address Twilio will be asked to accept, or what is missing.
    auto *complianceRow = new QHBoxLayout;
    complianceRow->setContentsMargins(0, 0, 0, 0);
    m_compliance = plainLabel(tr("Regulatory compliance"), this);
    m_compliance->setObjectName(QStringLiteral("compliance"));
    m_compliance->setWordWrap(true);
    m_compliance->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_compliance->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshCompliance"));
    m_refresh->setAccessibleName(tr("Check the regulatory compliance again"));
    complianceRow->addWidget(m_compliance, 1);
    complianceRow->addWidget(m_refresh, 0, Qt::AlignTop);
    m_complianceLabel = new QLabel(tr("Compliance:"), this);
    form->addRow(m_complianceLabel, complianceRow);
    connect(m_refresh, &QPushButton::clicked, this, [this] { checkCompliance(true); });

    const QString firstName = m_organizations.isEmpty() ? QString() : m_organizations.first().companyName;
    m_inbound = plainLabel(tr("Inbound assistant name"), this);
    m_outbound = plainLabel(tr("Outbound assistant name"), this);
    const std::pair<QLabel *, AssistantRole> roles[] = {{m_inbound, AssistantRole::Inbound},
                                                        {m_outbound, AssistantRole::Outbound}};
    for (const auto &[label, role] : roles) {
        // Exactly the name the engine sends to VAPI, truncation included.
        const QString name = m_template.createBody(firstName, role, QString()).value(QLatin1String("name")).toString();
        label->setProperty("fullName", name);
        label->setText(elided(name, ContentWidth - 120));
        label->setToolTip(plainToolTip(name));
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    form->addItem(new QSpacerItem(0, Gap, QSizePolicy::Minimum, QSizePolicy::Fixed));
    form->addRow(tr("Inbound assistant:"), m_inbound);
    form->addRow(tr("Outbound assistant:"), m_outbound);
    if (count > 1) {
        auto *pairNote = plainLabel(tr("Assistant names note"), this);
        pairNote->setText(tr("Shown for the first organization; each one gets its own pair, named the same way."));
        pairNote->setWordWrap(true);
        pairNote->setForegroundRole(QPalette::PlaceholderText);
        form->addRow(QString(), pairNote);
    }
    layout->addLayout(form);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_approve = buttons->button(QDialogButtonBox::Ok);
    m_approve->setText(count > 1 ? tr("Approve %L1").arg(count) : tr("Approve"));
    m_approve->setAccessibleName(m_approve->text());
    m_approve->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ApproveDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ApproveDialog::reject);
    layout->addItem(new QSpacerItem(0, 2 * Gap, QSizePolicy::Minimum, QSizePolicy::Fixed));
    layout->addWidget(buttons);

    setTabOrder(m_country, m_areaCode);
    setTabOrder(m_areaCode, m_approve);
    setTabOrder(m_approve, buttons->button(QDialogButtonBox::Cancel));

    // The choice the caller remembers; an unknown country falls back to the United States.
    auto initial = CountryCatalog::country(defaultCountry);
    if (!initial)
        initial = CountryCatalog::country(QStringLiteral("US"));
    if (initial)
        m_country->setCountryCode(initial->isoCode);
    fillAreaCodes();
    m_areaCode->setEditText(defaultAreaCode.trimmed().left(64));

    connect(m_country, &QComboBox::editTextChanged, this, &ApproveDialog::countryTextChanged);
    connect(m_areaCode, &QComboBox::editTextChanged, this, &ApproveDialog::validate);
    checkCompliance(false); // hidden until a query is set
    validate();
    m_country->setFocus();
}

void ApproveDialog::buildHeader(QLayout *layout)
{
    const qsizetype count = m_organizations.size();
    auto *heading = plainLabel(tr("Organizations to approve"), this);
    heading->setObjectName(QStringLiteral("heading"));
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    heading->setFont(headingFont);
    const QFontMetrics headingMetrics(headingFont);

    QString explanation;
    if (count == 1) {
        const Organization &org = m_organizations.first();
        const QString name = org.companyName.simplified();
        heading->setText(tr("Approve \u201C%1\u201D?")
                             .arg(headingMetrics.elidedText(name, Qt::ElideRight, ContentWidth - 60)));
        heading->setToolTip(plainToolTip(name));
        explanation = tr("Approving buys a local phone number for this organization (billed monthly), creates its two "
                         "voice assistants and e-mails the owner.");
    } else {
        heading->setText(count == 0 ? tr("No organization selected") : tr("Approve %L1 organizations?").arg(count));
        explanation = tr("Approving buys a local phone number for each organization (billed monthly), creates their "
                         "voice assistants and e-mails their owners.");
    }
    layout->addWidget(heading);

    if (count > 1) {
        QStringList lines;
        for (qsizetype i = 0; i < std::min<qsizetype>(count, ShownNames); ++i)
            lines.append(QStringLiteral("\u2022 ") + elided(m_organizations.at(i).companyName.simplified(), ContentWidth - 20));
        if (count > ShownNames)
            lines.append(tr("\u2026 and %L1 more").arg(count - ShownNames));
        auto *names = plainLabel(tr("Names of the organizations"), this);
        names->setObjectName(QStringLiteral("names"));
        names->setText(lines.join(u'\n'));
        layout->addWidget(names);
    } else if (count == 1) {
        const Organization &org = m_organizations.first();
        const QString owner = org.ownerName.simplified().isEmpty()
            ? org.ownerEmail.simplified()
            : tr("%1 <%2>").arg(org.ownerName.simplified(), org.ownerEmail.simplified());
        auto *ownerLabel = plainLabel(tr("Owner"), this);
        ownerLabel->setObjectName(QStringLiteral("owner"));
        ownerLabel->setText(tr("Owner: %1").arg(elided(owner, ContentWidth - 60)));
        ownerLabel->setToolTip(plainToolTip(owner));
        layout->addWidget(ownerLabel);
    }

    auto *explain = plainLabel(tr("What approving does"), this);
    explain->setText(explanation);
    explain->setWordWrap(true);
    explain->setFixedWidth(ContentWidth);
    layout->addItem(new QSpacerItem(0, Gap, QSizePolicy::Minimum, QSizePolicy::Fixed));
    layout->addWidget(explain);
    layout->addItem(new QSpacerItem(0, Gap, QSizePolicy::Minimum, QSizePolicy::Fixed));
}

void ApproveDialog::fillAreaCodes()
{
    const QString iso = countryCode();
    if (iso == m_shownCountry)
        return;
    m_shownCountry = iso;
    const QString typed = typedAreaCode();
    // Twilio searches by area code only in the US and Canada; elsewhere by a prefix or a city (issue 13).
    const bool byAreaCode = iso.isEmpty() || CountryCatalog::areaCodeFiltersSearch(iso);
    if (m_areaLabel)
        m_areaLabel->setText(byAreaCode ? tr("&Area code:") : tr("&Prefix or city:"));
    m_areaCode->setAccessibleName(byAreaCode ? tr("Area code") : tr("Prefix or city"));
    m_areaCode->lineEdit()->setAccessibleName(m_areaCode->accessibleName());
    m_areaCode->lineEdit()->setPlaceholderText(byAreaCode ? tr("Any area code") : tr("Any prefix or city, such as 30 or Berlin"));

    const QSignalBlocker blocker(m_areaCode);
    m_areaCode->clear();
    m_areaCode->addItem(tr("Any area code"), QString());
    for (const phone::AreaCode &a : CountryCatalog::areaCodes(iso))
        m_areaCode->addItem(a.region.isEmpty() ? a.code : a.code + Dash + a.region, a.code);
    // Keep what was typed where it still fits the new country; otherwise start over with any area.
    const bool keep = !typed.isEmpty() && CountryCatalog::areaCodeProblem(iso, typed).isEmpty();
    const int row = keep ? m_areaCode->findData(typed) : -1;
    m_areaCode->setCurrentIndex(row);
    m_areaCode->setEditText(row >= 0 ? m_areaCode->itemText(row) : keep ? typed : QString());
}

void ApproveDialog::countryTextChanged()
{
    if (m_country->rowFor(m_country->currentText()))
        fillAreaCodes();
    if (m_complianceQuery && countryCode() != m_complianceCountry)
        checkCompliance(false);
    validate();
}

void ApproveDialog::setComplianceQuery(ComplianceQuery query)
{
    m_complianceQuery = std::move(query);
    checkCompliance(false);
    validate();
}

void ApproveDialog::checkCompliance(bool refresh)
{
    const QString iso = countryCode();
    m_complianceCountry = iso;
    m_complianceProblem.clear();
    const bool shown = m_complianceQuery && !iso.isEmpty() && !CountryCatalog::areaCodeFiltersSearch(iso);
    m_complianceLabel->setVisible(shown);
    m_compliance->setVisible(shown);
    m_refresh->setVisible(shown);
    if (!shown)
        return;
    const auto country = CountryCatalog::country(iso);
    m_compliance->setText(tr("Checking what %1 requires\u2026").arg(country ? country->name : iso));
    m_refresh->setEnabled(false);
    const int asked = ++m_complianceAsked;
    m_complianceQuery(iso, refresh, this, [this, asked, iso](const QJsonObject &answer) {
        if (asked != m_complianceAsked)
            return; // the country changed meanwhile
        showCompliance(iso, answer);
    });
}

void ApproveDialog::showCompliance(const QString &iso, const QJsonObject &answer)
{
    const auto country = CountryCatalog::country(iso);
    const QString name = country ? country->name : iso;
    m_refresh->setEnabled(true);
    const QString reason = answer.value(QLatin1String("reason")).toString();
    if (answer.value(QLatin1String("ok")).toBool()) {
        if (!answer.value(QLatin1String("required")).toBool()) {
            m_compliance->setText(tr("%1 needs no regulatory bundle for local numbers.").arg(name));
        } else {
            const QJsonObject bundle = answer.value(QLatin1String("bundle")).toObject();
            const QJsonObject address = answer.value(QLatin1String("address")).toObject();
            const QString sid = bundle.value(QLatin1String("sid")).toString();
            const QString bundleName = bundle.value(QLatin1String("friendlyName")).toString();
            const QDateTime approved = QDateTime::fromString(bundle.value(QLatin1String("dateUpdated")).toString(), Qt::ISODate);
            QString bundleText = sid;
            if (bundle.value(QLatin1String("status")).toString() != QLatin1String("twilio-approved"))
                bundleText = tr("%1 (not among the approved bundles: Twilio decides)").arg(sid);
            else if (!bundleName.isEmpty() && approved.isValid())
                bundleText = tr("%1 (%2, approved %3)").arg(sid, bundleName, locale().toString(approved.date(), tr("d MMM yyyy")));
            else if (!bundleName.isEmpty())
                bundleText = tr("%1 (%2)").arg(sid, bundleName);
            const QString city = address.value(QLatin1String("city")).toString();
            m_compliance->setText(city.isEmpty()
                                      ? tr("%1 requires an approved business bundle \u2014 %2 will be used.").arg(name, bundleText)
                                      : tr("%1 requires an approved business bundle \u2014 %2 and the address in %3 will be used.")
                                            .arg(name, bundleText, city));
        }
    } else if (reason == QLatin1String("noBundle")) {
        m_complianceProblem = tr("No approved bundle for %1 \u2014 create one in Twilio's console (Regulatory Compliance), then "
                                 "press Refresh.").arg(name);
    } else if (reason == QLatin1String("noAddress") || reason == QLatin1String("unknownAddress")) {
        m_complianceProblem = tr("No address in %1 on the Twilio account \u2014 add one in Twilio's console (Addresses), then "
                                 "press Refresh.").arg(name);
    } else {
        // Twilio did not answer: the approval checks again before it buys anything.
        m_compliance->setText(tr("Could not check what %1 requires: %2").arg(name, answer.value(QLatin1String("detail")).toString()));
    }
    if (!m_complianceProblem.isEmpty())
        m_compliance->setText(m_complianceProblem);
    m_compliance->setForegroundRole(m_complianceProblem.isEmpty() ? QPalette::PlaceholderText : QPalette::WindowText);
    validate();
}

QString ApproveDialog::countryCode() const
{
    return m_country->countryCode();
}

bool ApproveDialog::isPlace(const QString &iso, const QString &area)
{
    // A city or a full prefix, where Twilio searches by InLocality or Contains; the same rule as the engine's.
    static const QRegularExpression place(QStringLiteral(R"(^(\+[0-9]{1,15}|\p{L}[\p{L} .'\-]{1,59})$)"));
    return !iso.isEmpty() && !CountryCatalog::areaCodeFiltersSearch(iso) && place.match(area).hasMatch();
}

QString ApproveDialog::typedAreaCode() const
{
    const QString text = m_areaCode->currentText().trimmed();
    const int row = m_areaCode->findText(text, Qt::MatchFixedString);
    if (row >= 0)
        return m_areaCode->itemData(row).toString(); // "Any area code" is ""
    const qsizetype dash = text.indexOf(Dash);
    return dash > 0 ? text.left(dash).trimmed() : text;
}

QString ApproveDialog::areaCode() const
{
    return typedAreaCode();
}

QString ApproveDialog::message() const
{
    return m_message->text();
}

QStringList ApproveDialog::assistantNames() const
{
    return {m_inbound->property("fullName").toString(), m_outbound->property("fullName").toString()};
}

void ApproveDialog::validate()
{
    const QString iso = countryCode();
    const QString area = typedAreaCode();
    if (m_organizations.isEmpty())
        m_problem = tr("Select at least one organization to approve.");
    else if (iso.isEmpty())
        m_problem = tr("Pick a country from the list: type part of its name, its code (US) or its dial code (+44).");
    else if (isPlace(iso, area))
        m_problem.clear();
    else
        m_problem = CountryCatalog::areaCodeProblem(iso, area);

    QString hint;
    if (m_problem.isEmpty()) {
        const QString region = CountryCatalog::areaCodeRegion(iso, area);
        if (area.isEmpty())
            hint = tr("Any area code: Twilio picks an available local number.");
        else if (isPlace(iso, area))
            hint = area.startsWith(u'+') ? tr("A local number starting %1.").arg(area) : tr("A local number in %1.").arg(area);
        else if (!CountryCatalog::areaCodeFiltersSearch(iso)) {
            // Outside NANP the engine searches by prefix: the dial code, then these digits.
            const auto country = CountryCatalog::country(iso);
            const QString dial = country ? country->dialCode : QString();
            QString digits = area;
            if (digits.startsWith(u'0') && iso != QLatin1String("IT"))
                digits.remove(0, 1);
            hint = region.isEmpty() ? tr("A local number starting %1 %2.").arg(dial, digits)
                                    : tr("A local number in %1, starting %2 %3.").arg(region, dial, digits);
        }
        else if (!region.isEmpty())
            hint = tr("A local number in %1.").arg(region);
        else
            hint = tr("A local number with area code %1.").arg(area);
    }

    m_message->setText(m_problem.isEmpty() ? hint : m_problem);
    m_message->setForegroundRole(m_problem.isEmpty() ? QPalette::PlaceholderText : QPalette::WindowText);
    // The warning icon only with a problem; a hint lines up with the fields.
    m_messageIcon->setVisible(!m_problem.isEmpty());
    if (!m_problem.isEmpty())
        m_messageIcon->setPixmap(
            style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(m_messageIcon->width()));
    m_areaCode->setAccessibleDescription(m_message->text());
    const bool complianceMissing = !m_complianceProblem.isEmpty() && m_complianceCountry == iso;
    m_approve->setEnabled(m_problem.isEmpty() && !complianceMissing);
}

void ApproveDialog::accept()
{
    validate();
    if (!m_approve->isEnabled())
        return; // Enter in a field must not get past a disabled Approve
    QDialog::accept();
}

QString ApproveDialog::elided(const QString &text, int width) const
{
    return fontMetrics().elidedText(text, Qt::ElideRight, width);
}

} // namespace oc
