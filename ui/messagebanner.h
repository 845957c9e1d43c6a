#pragma once

#include <QFrame>
#include <QStyle>

class QHBoxLayout;
class QLabel;

namespace oc {

// A strip above a view or dialog that says something about all of it (sandbox mode, provisioning not
// configured): tooltip colours, an icon and a word-wrapped text; callers may add a button to layout().
class MessageBanner : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBanner)

public:
    MessageBanner(QStyle::StandardPixmap icon, int iconSize, QWidget *parent = nullptr);

    QLabel *text() const { return m_text; }
    QHBoxLayout *row() const { return m_row; }

private:
    QLabel *m_text = nullptr;
    QHBoxLayout *m_row = nullptr;
};

} // namespace oc
