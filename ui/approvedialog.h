#pragma once

#include "countrypicker.h"
#include "domain/organization.h"
#include "vapi/assistanttemplate.h"

#include <QDialog>
#include <QList>

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

    void accept() override;

private:
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
    QLabel *m_messageIcon = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_inbound = nullptr;
    QLabel *m_outbound = nullptr;
    QPushButton *m_approve = nullptr;
};

} // namespace oc
