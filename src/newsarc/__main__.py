from newsarc.launch import main

main()
