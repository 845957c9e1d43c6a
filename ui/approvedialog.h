#pragma once

#include "countrypicker.h"
#include "domain/organization.h"
#include "vapi/assistanttemplate.h"

#include <QDialog>
#include <QJsonObject>
#include <QList>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QPushButton;

namespace oc {

// Confirms approving one or many organizations and asks where their phone numbers should be: a country
// Twilio sells local numbers in and, optionally, an area code. Shows the assistant names the engine will
// create for the first organization. Approve stays disabled while the choice is invalid.
class ApproveDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApproveDialog)

public:
    // `defaultCountry` (ISO code) and `defaultAreaCode` are what the caller remembers from last time; an
    // unknown country falls back to the United States.
    ApproveDialog(QList<Organization> organizations, const AssistantTemplate &assistantTemplate,
                  const QString &defaultCountry, const QString &defaultAreaCode, QWidget *parent = nullptr);

    // The choice, valid once the dialog is accepted: ISO code ("US") and digits ("510"; empty = any area).
    QString countryCode() const;
    QString areaCode() const;
    const QList<Organization> &organizations() const { return m_organizations; }

    // What the dialog shows, for tests and the main window.
    QComboBox *countryBox() const { return m_country; }
    QComboBox *areaCodeBox() const { return m_areaCode; }
    QPushButton *approveButton() const { return m_approve; }
    QString problem() const { return m_problem; } // empty while the choice is valid
    QString message() const;                        // the line under the area code: problem or hint
    QStringList assistantNames() const;             // inbound, outbound as shown

    // What Twilio requires outside NANP, asked through the engine (ConsoleEngine::checkCompliance): once set, a
    // line under the area code says which bundle and address will be used, or what is missing (then Approve stays
    // disabled until Refresh finds it). Without it the dialog shows no such line.
    using ComplianceQuery = std::function<void(const QString &country, bool refresh, QObject *context,
                                               std::function<void(const QJsonObject &)> done)>;
    void setComplianceQuery(ComplianceQuery query);
    QLabel *complianceLine() const { return m_compliance; }
    QPushButton *refreshButton() const { return m_refresh; }

    void accept() override;

private:
    static bool isPlace(const QString &iso, const QString &area);
    void checkCompliance(bool refresh);
    void showCompliance(const QString &country, const QJsonObject &answer);
    void buildHeader(QLayout *layout);
    void fillAreaCodes();
    void countryTextChanged();
    void validate();
    QString typedAreaCode() const;
    QString elided(const QString &text, int width) const;

    QList<Organization> m_organizations;
    AssistantTemplate m_template;
    QString m_shownCountry; // ISO code whose area codes are listed
    QString m_problem;

    CountryPicker *m_country = nullptr;
    QComboBox *m_areaCode = nullptr;
    QLabel *m_areaLabel = nullptr;
    QLabel *m_messageIcon = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_inbound = nullptr;
    QLabel *m_outbound = nullptr;
    QPushButton *m_approve = nullptr;
    QLabel *m_complianceLabel = nullptr;
    QLabel *m_compliance = nullptr;
    QPushButton *m_refresh = nullptr;
    ComplianceQuery m_complianceQuery;
    QString m_complianceCountry; // the country the compliance line is about
    QString m_complianceProblem; // what is missing there: Approve stays disabled
    int m_complianceAsked = 0;   // an answer to an older question is dropped
};

} // namespace oc
