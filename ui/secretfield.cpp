#include "secretfield.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace oc {

SecretField::SecretField(const QString &accessibleName, QWidget *parent) : QWidget(parent)
{
    m_edit = new QLineEdit(this);
    m_edit->setEchoMode(QLineEdit::Password);
    m_edit->setAccessibleName(accessibleName);
    m_edit->setClearButtonEnabled(true);
    // The value typed here is a new secret: never offer it to an input method's history or the clipboard.
    m_edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setAccessibleName(tr("Remove %1 from the keychain").arg(accessibleName));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_remove);
    setFocusProxy(m_edit);

    connect(m_edit, &QLineEdit::textChanged, this, [this] {
        if (!m_edit->text().isEmpty())
            m_removeRequested = false; // a new value replaces the stored one: removing it first is moot
        update();
        Q_EMIT changed();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        m_removeRequested = !m_removeRequested;
        if (m_removeRequested)
            m_edit->clear();
        update();
        Q_EMIT changed();
    });
    update();
}

void SecretField::setState(State state)
{
    m_state = state;
    update();
}

void SecretField::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    update();
}

QString SecretField::newValue() const
{
    return m_edit->text().trimmed();
}

void SecretField::clearChange()
{
    m_removeRequested = false;
    m_edit->clear();
    update();
}

void SecretField::update()
{
    QString placeholder;
    switch (m_state) {
    case State::Checking:
        placeholder = tr("checking the keychain…");
        break;
    case State::Stored:
        placeholder = m_removeRequested ? tr("will be removed from the keychain when you save")
                                        : tr("•••• stored in keychain — type to replace");
        break;
    case State::NotStored:
        placeholder = m_readOnly ? tr("not set") : tr("not set — type to store it in the keychain");
        break;
    case State::Unavailable:
        placeholder = tr("keychain unavailable");
        break;
    }
    if (m_readOnly && m_state == State::Stored)
        placeholder = tr("•••• stored in keychain");
    m_edit->setPlaceholderText(placeholder);
    m_edit->setReadOnly(m_readOnly || m_state == State::Unavailable);
    m_remove->setText(m_removeRequested ? tr("Keep") : tr("Remove"));
    m_remove->setToolTip(m_removeRequested ? tr("Keep the stored value") : tr("Remove the stored value when you save"));
    m_remove->setEnabled(!m_readOnly && m_state == State::Stored);
    m_remove->setVisible(!m_readOnly);
}

} // namespace oc
