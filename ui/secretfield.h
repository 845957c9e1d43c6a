#pragma once

#include <QWidget>

class QLineEdit;
class QPushButton;

namespace oc {

// One secret in the settings dialog. It never holds the stored value: it only knows whether one is stored,
// takes a new value to replace it, or marks it for removal. Nothing changes in the store until Save.
class SecretField : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretField)

public:
    enum class State { Checking, Stored, NotStored, Unavailable };

    explicit SecretField(const QString &accessibleName, QWidget *parent = nullptr);

    void setState(State state);
    State state() const { return m_state; }
    void setReadOnly(bool readOnly);

    // The trimmed new value typed by the user; empty when the stored one stays.
    QString newValue() const;
    bool removalRequested() const { return m_removeRequested; }
    bool hasChange() const { return m_removeRequested || !newValue().isEmpty(); }
    // After a successful save: forget the typed value and the removal mark.
    void clearChange();

    QLineEdit *lineEdit() const { return m_edit; }
    QPushButton *removeButton() const { return m_remove; }

Q_SIGNALS:
    void changed();

private:
    void update();

    QLineEdit *m_edit = nullptr;
    QPushButton *m_remove = nullptr;
    State m_state = State::Checking;
    bool m_removeRequested = false;
    bool m_readOnly = false;
};

} // namespace oc
