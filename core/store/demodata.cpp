#include "demodata.h"

#include <QDateTime>

#include <array>

namespace oc {

namespace {

constexpr std::array kPlaces{"Bayview", "Summit", "Harbor", "Maple", "Cedar", "Riverside", "Golden Gate", "Oakland",
                             "Pacific", "Northside", "Lakeshore", "Sunset", "Mission", "Redwood", "Granite", "Blue Ridge",
                             "Silver Lake", "Prairie", "Evergreen", "Union Square", "Brookline", "Fremont", "Hillcrest",
                             "Old Town", "Westfield", "Canyon", "Meadowbrook", "Pinecrest", "Bridgeport", "Elmwood"};
constexpr std::array kTrades{"Dental", "Plumbing & Heating", "Family Law", "Auto Repair", "Veterinary Clinic",
                             "Realty", "Roofing", "Pediatrics", "Physical Therapy", "HVAC", "Landscaping", "Bakery",
                             "Insurance Agency", "Chiropractic", "Cleaning Services", "Electric", "Fitness Studio",
                             "Accounting", "Pest Control", "Moving & Storage", "Eye Care", "Hair Salon", "Pizza",
                             "Garage Doors", "Dermatology", "Tax Services", "Tutoring", "Catering", "Locksmiths",
                             "Home Health"};
constexpr std::array kSuffixes{"", "", "", " LLC", " Inc.", " Group", " & Sons", " Co.", " Partners", " Associates",
                               " Ltd", " Center", " Services", " Pros"};
// Real-world names that exercise Unicode, HTML escaping and emoji handling end to end.
constexpr std::array kUnusual{"Zürich Bäckerei GmbH", "Café Olé ☕", "東京テクノロジー株式会社", "Øresund Logistik ApS",
                              "São Paulo Clínica Odontológica Ltda", "Ελληνική Ταβέρνα Αθηνά", "Москва Сервис ООО",
                              "Sunny Side Up 🍳 Diner", "<b>Bold</b> & \"Quoted\" Marketing", "O'Brien & Daughters Pub",
                              "Đà Nẵng Phở House", "Łódź Hydraulika Sp. z o.o.", "서울 치과 의원", "مطعم الأندلس",
                              "Crème de la Crème Pâtisserie", "100% Organic™ Farms", "Smith_&_Co <script>x</script>",
                              "🚀 Rocket Repairs 🔧", "Ñandú Viajes S.A.", "Ærø Færgeri"};
constexpr std::array kFirst{"James", "Maria", "Wei", "Aisha", "José", "Zoë", "Łukasz", "Priya", "Olivia", "Mohammed",
                            "Chen", "Sofia", "Nguyễn", "Emma", "Liam", "Fatima", "Hiroshi", "Ana", "David", "Grace",
                            "Mateo", "Amara", "Noah", "Ingrid", "Kwame", "Elena", "Ravi", "Chloé", "Omar", "Hannah"};
constexpr std::array kLast{"Smith", "Garcia", "Zhang", "Khan", "Müller", "O'Connor", "Nguyen", "Patel", "Johnson",
                           "Kowalski", "Rossi", "Tanaka", "Silva", "Brown", "Andersson", "Okafor", "Dubois", "Lee",
                           "Martínez", "Cohen", "Ivanova", "Williams", "Haddad", "Jensen", "Kim", "López", "Novak",
                           "Schmidt", "Mensah", "Taylor"};
constexpr std::array kTlds{"com", "net", "co", "io", "org", "us"};

QString asciiSlug(const QString &text)
{
    // Letters that do not decompose into a base letter plus accents.
    QString folded = text;
    folded.replace(QChar(0x0141), QLatin1Char('L')).replace(QChar(0x0142), QLatin1Char('l'))
          .replace(QChar(0x00D8), QLatin1Char('O')).replace(QChar(0x00F8), QLatin1Char('o'))
          .replace(QChar(0x0110), QLatin1Char('D')).replace(QChar(0x0111), QLatin1Char('d'))
          .replace(QChar(0x00C6), QLatin1String("AE")).replace(QChar(0x00E6), QLatin1String("ae"))
          .replace(QChar(0x00DF), QLatin1String("ss"));
    QString out;
    for (QChar c : folded.normalized(QString::NormalizationForm_KD)) {
        if (c.unicode() < 128 && c.isLetterOrNumber())
            out += c.toLower();
    }
    return out.left(24);
}

} // namespace

DemoData::DemoData(quint64 seed) : m_state(seed ? seed : 1) {}

// splitmix64: fast, good enough, and the same sequence on every machine.
quint64 DemoData::random()
{
    quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

NewOrganization DemoData::next()
{
    NewOrganization org;
    const quint64 kind = random() % 1000;
    ++m_serial;
    if (kind < 15) {
        org.companyName = QString::fromUtf8(pick(kUnusual));
    } else if (kind < 18) {
        // At the length limit, as some registrations are.
        QString name = QStringLiteral("The %1 %2 Cooperative of Independent Owners and Operators Serving the Greater "
                                      "Metropolitan Area and Surrounding Counties Since Nineteen Hundred and Two")
                           .arg(QString::fromUtf8(pick(kPlaces)), QString::fromUtf8(pick(kTrades)));
        org.companyName = name.left(kMaxCompanyNameLength);
    } else {
        org.companyName = QString::fromUtf8(pick(kPlaces)) + QLatin1Char(' ') + QString::fromUtf8(pick(kTrades))
                        + QString::fromUtf8(pick(kSuffixes));
    }
    const QString first = QString::fromUtf8(pick(kFirst));
    const QString last = QString::fromUtf8(pick(kLast));
    org.ownerName = first + QLatin1Char(' ') + last;
    QString domain = asciiSlug(org.companyName);
    if (domain.size() < 3)
        domain = QStringLiteral("business%1").arg(random() % 10000);
    org.ownerEmail = QStringLiteral("%1.%2%3@%4.%5")
                         .arg(asciiSlug(first).isEmpty() ? QStringLiteral("owner") : asciiSlug(first),
                              asciiSlug(last).isEmpty() ? QStringLiteral("x") : asciiSlug(last))
                         .arg(m_serial)
                         .arg(domain, QString::fromLatin1(pick(kTlds)));
    org.ownerId = QStringLiteral("usr_%1").arg(random() & 0xffffffffffull, 10, 16, QLatin1Char('0'));
    const quint64 s = random() % 100;
    org.status = s < 70 ? OrgStatus::Pending : s < 90 ? OrgStatus::Verified : s < 97 ? OrgStatus::Rejected : OrgStatus::Suspended;
    const qint64 twoYearsMs = 730ll * 24 * 3600 * 1000;
    org.createdAt = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch() - qint64(random() % twoYearsMs),
                                                   Qt::UTC);
    return org;
}

QList<NewOrganization> DemoData::batch(int count)
{
    QList<NewOrganization> orgs;
    orgs.reserve(count);
    for (int i = 0; i < count; ++i)
        orgs.append(next());
    return orgs;
}

Result<qint64> DemoData::seed(OrganizationRepository &repo, Database &db, qint64 count,
                              const std::function<void(qint64)> &progress, int chunk)
{
    DemoData data;
    qint64 done = 0;
    while (done < count) {
        const int n = int(std::min<qint64>(chunk, count - done));
        const QList<NewOrganization> orgs = data.batch(n);
        auto r = db.transaction([&]() -> Result<void> {
            auto added = repo.addMany(orgs);
            return added ? Result<void>() : added.error();
        });
        if (!r)
            return r.error();
        done += n;
        if (progress)
            progress(done);
    }
    return done;
}

} // namespace oc
